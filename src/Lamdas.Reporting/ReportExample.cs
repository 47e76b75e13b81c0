namespace Lamdas.Reporting;

/// <summary>One example document. The renderer HTML-escapes everything and cuts <paramref name="Snippet"/> to 500 characters.</summary>
public sealed record ReportExample(string Id, double Score, int Tokens, string Snippet);
