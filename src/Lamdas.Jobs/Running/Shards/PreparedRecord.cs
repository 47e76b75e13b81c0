using Lamdas.Formats;
using Lamdas.Jobs.Scoring;

namespace Lamdas.Jobs.Running;

/// <summary>An input record read and prepared for scoring: its document, or why it is quarantined.</summary>
internal sealed record PreparedRecord(SourceRecord? Record, PreparedDocument? Document, BadRecord? Bad);
