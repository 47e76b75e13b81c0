namespace Lamdas.Jobs.Running;

/// <summary>
/// The Wilson score interval's lower bound for a binomial proportion (here: the share of plain LAMDAS's pilot
/// selection a cut keeps). Written here because the bound is two lines and no statistics package is a dependency.
/// </summary>
public static class RecallBound
{
    /// <summary>The one-sided lower bound of <paramref name="hits"/> / <paramref name="trials"/> at <paramref name="confidence"/>.</summary>
    public static double Lower(long hits, long trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hits, trials);
        if (trials == 0)
        {
            return 0;
        }

        var z = NormalQuantile(confidence);
        var n = (double)trials;
        var p = hits / n;
        var z2 = z * z;
        var centre = p + (z2 / (2 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return Math.Max(0, (centre - spread) / (1 + (z2 / n)));
    }

    /// <summary>
    /// Kept documents a pilot needs before a cut that keeps all of them shows a recall of at least
    /// <paramref name="recall"/>: the least n with n / (n + z²) ≥ recall.
    /// </summary>
    public static long KeptNeeded(double recall, double confidence)
    {
        var z = NormalQuantile(confidence);
        return (long)Math.Ceiling(recall * z * z / (1 - recall));
    }

    /// <summary>
    /// Φ⁻¹(p) for 0.5 ≤ p &lt; 1 by bisection on Φ, with Φ from the complementary error function's Chebyshev fit
    /// (Numerical Recipes' erfc, relative error below 1.2e-7).
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (!(p >= 0.5 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a confidence level in [0.5, 1)");
        }

        double lo = 0, hi = 40;
        for (var i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            var mid = (lo + hi) / 2;
            if (NormalCdf(mid) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    private static double NormalCdf(double x) => 1 - (0.5 * Erfc(x / Math.Sqrt(2)));

    private static readonly double[] ErfcCoefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = 0.0;
        for (var i = ErfcCoefficients.Length - 1; i >= 0; i--)
        {
            poly = ErfcCoefficients[i] + (t * poly);
        }

        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
