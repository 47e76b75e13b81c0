using System.Text.Json.Nodes;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>A Grafana dashboard on the silos' Prometheus metrics.</summary>
public static partial class DashboardChecks
{
    public const int MinimumSchemaVersion = 36;

    /// <summary>The panels, rows' nested panels included.</summary>
    public static IEnumerable<JsonObject> Panels(JsonNode dashboard) =>
        (dashboard["panels"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(p => p["type"]?.GetValue<string>() == "row" ? (p["panels"] as JsonArray ?? []).OfType<JsonObject>() : [p]);

    public static IEnumerable<string> Expressions(JsonNode dashboard) =>
        Panels(dashboard).SelectMany(p => (p["targets"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(t => t["expr"]?.GetValue<string>()).OfType<string>();

    public static IReadOnlyList<string> Problems(string json)
    {
        JsonNode dashboard;
        try
        {
            dashboard = JsonNode.Parse(json) ?? throw new System.Text.Json.JsonException("empty document");
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }

        var problems = new List<string>();
        if (dashboard["schemaVersion"]?.GetValue<int>() is not >= MinimumSchemaVersion)
        {
            problems.Add($"schemaVersion below {MinimumSchemaVersion}");
        }

        var variables = (dashboard["templating"]?["list"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var datasource = variables.FirstOrDefault(v => v["type"]?.GetValue<string>() == "datasource" && v["query"]?.GetValue<string>() == "prometheus");
        if (datasource is null)
        {
            problems.Add("no Prometheus data source variable");
        }

        var variable = "${" + (datasource?["name"]?.GetValue<string>() ?? "datasource") + "}";
        var panels = Panels(dashboard).ToList();
        if (panels.Count == 0)
        {
            problems.Add("no panels");
        }

        foreach (var panel in panels.Where(p => p["type"]?.GetValue<string>() is not ("text" or "row")))
        {
            var title = panel["title"]?.GetValue<string>() ?? "?";
            var targets = (panel["targets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (targets.Count == 0)
            {
                problems.Add($"panel '{title}': no query");
            }

            if (panel["datasource"]?["uid"]?.GetValue<string>() != variable)
            {
                problems.Add($"panel '{title}': data source is not {variable}");
            }

            foreach (var target in targets)
            {
                var expression = target["expr"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(expression))
                {
                    problems.Add($"panel '{title}': query {target["refId"]} has no expression");
                    continue;
                }

                var metrics = PromQl.MetricNames(expression);
                if (metrics.Count == 0)
                {
                    problems.Add($"panel '{title}': '{expression}' selects no metric");
                }

                problems.AddRange(metrics.Where(m => !MetricNames.IsKnown(m)).Select(m => $"panel '{title}': unknown metric {m}"));
                if (KnownLabels(metrics) is { } labels)
                {
                    var legend = Legend().Matches(target["legendFormat"]?.GetValue<string>() ?? "").Select(m => m.Groups[1].Value);
                    problems.AddRange(PromQl.LabelNames(expression).Concat(legend).Distinct(StringComparer.Ordinal).Where(l => !labels.Contains(l))
                        .Select(l => $"panel '{title}': label {l} is not on {string.Join(", ", metrics)}"));
                }
            }
        }

        foreach (var query in variables.Where(v => v["type"]?.GetValue<string>() == "query"))
        {
            var name = query["name"]?.GetValue<string>() ?? "?";
            var text = query["query"] is JsonObject q ? q["query"]?.GetValue<string>() : query["query"]?.GetValue<string>();
            if (text is null || LabelValues().Match(text) is not { Success: true } call)
            {
                problems.Add($"variable '{name}': not a label_values(metric, label) query");
                continue;
            }

            var (metric, label) = (call.Groups[1].Value, call.Groups[2].Value);
            if (!MetricNames.IsKnown(metric))
            {
                problems.Add($"variable '{name}': unknown metric {metric}");
            }
            else if (MetricNames.Labels(metric) is { } known && !known.Contains(label))
            {
                problems.Add($"variable '{name}': label {label} is not on {metric}");
            }
        }

        return problems;
    }

    /// <summary>The labels any of the expression's series can carry; null when an Orleans series is among them (not checked).</summary>
    private static HashSet<string>? KnownLabels(IReadOnlyList<string> metrics)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics.Where(MetricNames.IsKnown))
        {
            if (MetricNames.Labels(metric) is not { } of)
            {
                return null;
            }

            labels.UnionWith(of);
        }

        return labels;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*(\w+)\s*\}\}")]
    private static partial System.Text.RegularExpressions.Regex Legend();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{[^}]*\})?\s*,\s*(\w+)\s*\)\s*$")]
    private static partial System.Text.RegularExpressions.Regex LabelValues();
}
