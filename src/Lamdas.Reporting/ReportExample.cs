namespace Lamdas.Reporting;

/// <summary>
/// One example document. The renderer HTML-escapes everything and cuts <paramref name="Snippet"/> to 500 characters;
/// <paramref name="Label"/> is its domain or label when labels are known (shown in a column of its own).
/// </summary>
public sealed record ReportExample(string Id, double Score, int Tokens, string Snippet, string? Label = null);
