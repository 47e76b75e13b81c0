using System.Globalization;

namespace Lamdas.Reporting;

/// <summary>Culture-invariant number formatting for the report.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A coordinate: two decimals, no exponent.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", Invariant);

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A score or loss: four decimals (scientific notation when tiny or huge), "n/a" when not finite.</summary>
    public static string Score(double value) =>
        !double.IsFinite(value) ? "n/a"
        : value == 0 || Math.Abs(value) is >= 1e-3 and < 1e7 ? value.ToString("0.####", Invariant)
        : value.ToString("0.###e+0", Invariant);

    /// <summary>A fraction as a percentage with one decimal: 0.1234 → 12.3%; "n/a" when not finite.</summary>
    public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("0.0", Invariant) + "%" : "n/a";

    /// <summary>A mean or other measured figure: one decimal with thousands separators, "n/a" when not finite.</summary>
    public static string Decimal(double value) => double.IsFinite(value) ? value.ToString("N1", Invariant) : "n/a";

    /// <summary>
    /// Axis tick labels for evenly spaced ticks: as many decimals as the step needs, and k/M/G suffixes once the
    /// largest tick reaches 10,000 (2.5k, 5k, 7.5k…).
    /// </summary>
    public static IReadOnlyList<string> Ticks(IReadOnlyList<double> ticks, double step)
    {
        var largest = ticks.Count == 0 ? 0 : ticks.Max(Math.Abs);
        var (divisor, suffix) = largest switch
        {
            >= 1e10 => (1e9, "G"),
            >= 1e7 => (1e6, "M"),
            >= 1e4 => (1e3, "k"),
            _ => (1.0, ""),
        };
        var scaled = ticks.Select(t => t / divisor).ToArray();
        var tolerance = 1e-6 * step / divisor;
        var decimals = Enumerable.Range(0, 12).FirstOrDefault(d => scaled.All(x => Math.Abs(Math.Round(x, d) - x) <= tolerance), 12);
        var pattern = "F" + decimals.ToString(Invariant);
        return [.. ticks.Select(t => Clean((t / divisor).ToString(pattern, Invariant)) + (t == 0 ? "" : suffix))];
    }

    private static string Clean(string label) => label.StartsWith('-') && label.Trim('-', '0', '.').Length == 0 ? label[1..] : label;
}
