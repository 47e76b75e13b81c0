using System.Text;

namespace Lamdas.Reporting;

/// <summary>
/// The cascade section: what the first stage let through to the LLM, the pilot behind its cut, the estimated recall
/// and what the job saved.
/// </summary>
internal static class CascadeSection
{
    public static string Render(ReportData data, ReportCascade cascade)
    {
        var documentsSaved = Math.Max(0, data.Documents - cascade.ModelDocuments);
        var tokensSaved = Math.Max(0, data.Tokens - cascade.ModelTokens);
        var passRate = data.Documents > 0 ? cascade.ModelDocuments / (double)data.Documents : 1.0;
        var html = new StringBuilder("<p class=\"lead\" id=\"cascade-lead\">");
        if (cascade.Cut is { } cut)
        {
            html.Append("The first stage (<code>").Append(Html.Escape(cascade.Method)).Append("</code>) scored every document; the ")
                .Append(Format.Count(cascade.ModelDocuments)).Append(" at or above its cut of <code>").Append(Format.Score(cut))
                .Append("</code> reached the LLM.</p>");
        }
        else
        {
            html.Append("The first stage (<code>").Append(Html.Escape(cascade.Method)).Append("</code>) let every document reach the LLM: ")
                .Append(Html.Escape(cascade.Note ?? "the pilot chose no cut")).Append(".</p>");
        }

        var cards = new List<(string Id, string Label, string Value, string Note)>
        {
            ("reached", "Reached the LLM", Format.Count(cascade.ModelDocuments), $"{Format.Percent(passRate)} of documents (pilot {Format.Percent(cascade.PilotPassRate)})"),
            ("documents-saved", "Documents saved", Format.Count(documentsSaved), Share(documentsSaved, data.Documents, "documents")),
            ("tokens-saved", "Tokens saved", Format.Count(tokensSaved), Share(tokensSaved, data.Tokens, "tokens")),
        };
        if (cascade.Cut is not null)
        {
            cards.Add(("recall", "Estimated recall", Format.Percent(cascade.Recall), $"≥ {Format.Percent(cascade.RecallLower)} at {Format.Percent(cascade.Confidence)} confidence"));
        }

        html.Append("<div class=\"cards\">");
        foreach (var (id, label, value, note) in cards)
        {
            html.Append("<div class=\"card\" id=\"cascade-").Append(id).Append("\"><div class=\"card-label\">").Append(label)
                .Append("</div><div class=\"card-value\">").Append(value).Append("</div><div class=\"card-note\">")
                .Append(Html.Escape(note)).Append("</div></div>");
        }

        html.Append("</div><table class=\"facts cascade\"><tbody>");
        Row(html, "method", "first stage", cascade.Method);
        Row(html, "cut", "cut (first-stage score)", cascade.Cut is { } c ? Format.Score(c) : "none: every document reaches the LLM");
        Row(html, "pilot", "pilot", $"{Format.Count(cascade.PilotDocuments)} documents scored by both stages, {Format.Count(cascade.PilotKept)} kept by the LLM, " +
            $"{Format.Count(cascade.PilotRounds)} round{(cascade.PilotRounds == 1 ? "" : "s")}");
        Row(html, "recall", "estimated recall", cascade.Cut is null
            ? $"{Format.Percent(cascade.Recall)} (no cut: every document reaches the LLM)"
            : $"{Format.Percent(cascade.Recall)} of the LLM-only selection, ≥ {Format.Percent(cascade.RecallLower)} at {Format.Percent(cascade.Confidence)} confidence (target {Format.Percent(cascade.TargetRecall)})");
        Row(html, "pass-rate", "pass rate", $"pilot {Format.Percent(cascade.PilotPassRate)}, job {Format.Percent(passRate)}");
        Row(html, "model", "reached the LLM", $"{Format.Count(cascade.ModelDocuments)} documents, {Format.Count(cascade.ModelTokens)} tokens");
        Row(html, "saved", "saved", $"{Format.Count(documentsSaved)} documents ({Share(documentsSaved, data.Documents, "documents")}), " +
            $"{Format.Count(tokensSaved)} tokens ({Share(tokensSaved, data.Tokens, "tokens")})");
        Row(html, "tokens", "tokens per document", $"candidate {Format.Decimal(cascade.CandidateTokensPerDocument)}, scored {Format.Decimal(cascade.ScoredTokensPerDocument)} (cut at max tokens)");
        return html.Append("</tbody></table>").ToString();
    }

    private static void Row(StringBuilder html, string id, string key, string value) =>
        html.Append("<tr id=\"cascade-row-").Append(id).Append("\"><th>").Append(Html.Escape(key)).Append("</th><td>").Append(Html.Escape(value)).Append("</td></tr>");

    private static string Share(long part, long whole, string of) => whole > 0 ? $"{Format.Percent(part / (double)whole)} of {of}" : "";
}
