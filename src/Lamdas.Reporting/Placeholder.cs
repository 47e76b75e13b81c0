namespace Lamdas.Reporting;

/// <summary>The note shown where a chart has no data.</summary>
internal static class Placeholder
{
    public static string Html(string message) => $"<p class=\"empty\">{Reporting.Html.Escape(message)}</p>";
}
