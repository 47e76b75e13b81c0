using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>A Prometheus configuration scraping the silos' /metrics.</summary>
public static class PrometheusChecks
{
    /// <summary>Problems of the configuration: a scrape job off /metrics, or a silo target that no job scrapes.</summary>
    public static IReadOnlyList<string> Problems(string configYaml, IEnumerable<string> siloTargets)
    {
        var problems = new List<string>();
        if (Yaml.LoadMapping(configYaml).Get("scrape_configs") is not YamlSequenceNode jobs || jobs.Children.Count == 0)
        {
            return ["no scrape_configs"];
        }

        var scraped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in jobs.Children)
        {
            var name = job.Get("job_name").Text() ?? "?";
            var path = job.Get("metrics_path").Text() ?? "/metrics";
            if (path != "/metrics")
            {
                problems.Add($"{name}: metrics_path {path}, not /metrics");
            }

            if (job.Get("static_configs") is YamlSequenceNode statics)
            {
                foreach (var target in statics.Children.SelectMany(s => (s.Get("targets") as YamlSequenceNode)?.Children ?? []))
                {
                    scraped.Add(target.Text()!);
                }
            }
        }

        problems.AddRange(siloTargets.Where(t => !scraped.Contains(t)).Select(t => $"silo target {t} is not scraped"));
        return problems;
    }
}
