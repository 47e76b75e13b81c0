using System.Text.Json.Nodes;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>A Grafana dashboard on the silos' Prometheus metrics.</summary>
public static class DashboardChecks
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
            }
        }

        return problems;
    }
}
