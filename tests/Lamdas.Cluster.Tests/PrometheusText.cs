using System.Globalization;
using System.Text.RegularExpressions;

namespace Lamdas.Cluster.Tests;

/// <summary>Samples of a Prometheus text exposition: name, labels and value (the optional timestamp ignored).</summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string exposition) =>
        exposition.Split('\n').Select(l => Line().Match(l)).Where(m => m.Success).Select(m => new Sample(
            m.Groups["name"].Value,
            Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value, StringComparer.Ordinal),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))).ToList();

    /// <summary>The samples of the metric whose labels include every given one.</summary>
    public static IReadOnlyList<Sample> Select(IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+]?(?:[0-9.eE+-]+|Inf|NaN))(\s+-?[0-9]+)?\s*$")]
    private static partial Regex Line();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
