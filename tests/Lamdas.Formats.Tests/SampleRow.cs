namespace Lamdas.Formats.Tests;

/// <summary>One row of <see cref="ParquetSample"/>.</summary>
public sealed record SampleRow(string Id, string Text, long N, double X, bool B, string? Note);
