namespace Lamdas.Reporting;

/// <summary>A linear axis range widened to "nice" tick values (1, 2, 2.5 or 5 × 10^k steps; Heckbert's method).</summary>
internal sealed record NiceScale(double Min, double Max, double Step)
{
    /// <summary>A scale covering [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="targetTicks"/> ticks.</summary>
    public static NiceScale Covering(double min, double max, int targetTicks = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        // Divide before subtracting so that ranges near ±double.MaxValue do not overflow.
        var intervals = Math.Max(1, targetTicks - 1);
        var step = NiceNumber(max / intervals - min / intervals);
        return new NiceScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    /// <summary>The tick values from Min to Max.</summary>
    public IReadOnlyList<double> Ticks()
    {
        var count = (int)Math.Min(1000, Math.Round(Max / Step - Min / Step));
        return [.. Enumerable.Range(0, count + 1).Select(i => Min + i * Step)];
    }

    private static double NiceNumber(double rough)
    {
        var exponent = Math.Floor(Math.Log10(rough));
        var power = Math.Pow(10, exponent);
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
