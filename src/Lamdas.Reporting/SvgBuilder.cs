using System.Text;

namespace Lamdas.Reporting;

/// <summary>Writes one inline SVG element (no namespace URI needed inside HTML5) as well-formed XML.</summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder _builder = new();

    public SvgBuilder(double width, double height, string cssClass, string label)
    {
        _builder.Append("<svg class=\"").Append(Html.Escape(cssClass))
            .Append("\" viewBox=\"0 0 ").Append(Format.Coordinate(width)).Append(' ').Append(Format.Coordinate(height))
            .Append("\" width=\"").Append(Format.Coordinate(width)).Append("\" height=\"").Append(Format.Coordinate(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(label)).Append("\">")
            .Append("<title>").Append(Html.Escape(label)).Append("</title>");
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string cssClass) =>
        Raw($"<line class=\"{cssClass}\" x1=\"{Format.Coordinate(x1)}\" y1=\"{Format.Coordinate(y1)}\" x2=\"{Format.Coordinate(x2)}\" y2=\"{Format.Coordinate(y2)}\"/>");

    /// <summary>A rectangle; <paramref name="attributes"/> is pre-escaped extra markup (e.g. data-bin="3").</summary>
    public SvgBuilder Rect(double x, double y, double width, double height, string cssClass, string? tooltip = null, string attributes = "")
    {
        Raw($"<rect class=\"{cssClass}\" x=\"{Format.Coordinate(x)}\" y=\"{Format.Coordinate(y)}\" width=\"{Format.Coordinate(width)}\" height=\"{Format.Coordinate(height)}\"{attributes}");
        return tooltip is null ? Raw("/>") : Raw("><title>").Raw(Html.Escape(tooltip)).Raw("</title></rect>");
    }

    public SvgBuilder Circle(double cx, double cy, double r, string cssClass) =>
        Raw($"<circle class=\"{cssClass}\" cx=\"{Format.Coordinate(cx)}\" cy=\"{Format.Coordinate(cy)}\" r=\"{Format.Coordinate(r)}\"/>");

    public SvgBuilder Polyline(IEnumerable<(double X, double Y)> points, string cssClass) =>
        Raw($"<polyline class=\"{cssClass}\" points=\"{string.Join(' ', points.Select(p => Format.Coordinate(p.X) + "," + Format.Coordinate(p.Y)))}\"/>");

    /// <summary>Text; <paramref name="anchor"/> is start | middle | end; <paramref name="rotate"/> turns it about its anchor point.</summary>
    public SvgBuilder Text(double x, double y, string text, string cssClass, string anchor = "start", double rotate = 0)
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({Format.Coordinate(rotate)} {Format.Coordinate(x)} {Format.Coordinate(y)})\"";
        return Raw($"<text class=\"{cssClass}\" x=\"{Format.Coordinate(x)}\" y=\"{Format.Coordinate(y)}\" text-anchor=\"{anchor}\"{transform}>")
            .Raw(Html.Escape(text)).Raw("</text>");
    }

    public override string ToString() => _builder + "</svg>";

    private SvgBuilder Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }
}
