namespace Lamdas.Reporting;

/// <summary>
/// One example document. The renderer HTML-escapes everything, removes the indentation all lines of
/// <paramref name="Snippet"/> share (see <see cref="Reporting.Snippet"/>) and cuts it to 500 characters;
/// <paramref name="Label"/> is its domain or label when labels are known (shown in a column of its own).
/// </summary>
public sealed record ReportExample(string Id, double Score, int Tokens, string Snippet, string? Label = null);
