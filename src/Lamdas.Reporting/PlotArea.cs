namespace Lamdas.Reporting;

/// <summary>The geometry shared by every chart: a fixed canvas with margins for axes, and linear value→pixel maps.</summary>
internal sealed class PlotArea(double xMin, double xMax, double yMin, double yMax)
{
    public const double Width = 760;
    public const double Height = 320;
    public const double Left = 72;
    public const double Right = Width - 20;
    public const double Top = 28;
    public const double Bottom = Height - 52;

    public double X(double value) => Left + (value - xMin) / (xMax - xMin) * (Right - Left);

    public double Y(double value) => Bottom - (value - yMin) / (yMax - yMin) * (Bottom - Top);

    /// <summary>Pixels per unit on the y axis.</summary>
    public double YUnit => (Bottom - Top) / (yMax - yMin);

    /// <summary>Axes, grid lines, tick labels and axis titles.</summary>
    public void DrawAxes(
        SvgBuilder svg,
        IReadOnlyList<(double Value, string Label)> xTicks,
        IReadOnlyList<(double Value, string Label)> yTicks,
        string xTitle,
        string yTitle)
    {
        foreach (var (value, label) in yTicks)
        {
            var y = Y(value);
            svg.Line(Left, y, Right, y, "grid").Line(Left - 5, y, Left, y, "tick").Text(Left - 8, y + 4, label, "tick-label", "end");
        }

        foreach (var (value, label) in xTicks)
        {
            var x = X(value);
            svg.Line(x, Bottom, x, Bottom + 5, "tick").Text(x, Bottom + 18, label, "tick-label", "middle");
        }

        svg.Line(Left, Bottom, Right, Bottom, "axis").Line(Left, Top, Left, Bottom, "axis")
            .Text((Left + Right) / 2, Height - 10, xTitle, "axis-title", "middle")
            .Text(16, (Top + Bottom) / 2, yTitle, "axis-title", "middle", -90);
    }

    /// <summary>A one-line legend in the top margin, right-aligned, so it never covers data: one swatch per (css class, label).</summary>
    public static void DrawLegend(SvgBuilder svg, params (string CssClass, string Label)[] entries)
    {
        const double swatch = 11, charWidth = 6.5, spacing = 18;
        var x = Right;
        foreach (var (cssClass, label) in entries.Reverse())
        {
            x -= swatch + 5 + label.Length * charWidth;
            svg.Rect(x, 6, swatch, swatch, cssClass).Text(x + swatch + 5, 15, label, "legend-label");
            x -= spacing;
        }
    }

    /// <summary>Tick (value, label) pairs for a nice scale.</summary>
    public static IReadOnlyList<(double Value, string Label)> Labelled(NiceScale scale)
    {
        var ticks = scale.Ticks();
        var labels = Format.Ticks(ticks, scale.Step);
        return [.. ticks.Zip(labels)];
    }
}
