using System.Text;

namespace Lamdas.Reporting;

/// <summary>Escaping shared by the HTML and SVG writers.</summary>
internal static class Html
{
    /// <summary>
    /// Escapes text for element content and quoted attribute values (HTML and XML alike): &amp; &lt; &gt; " ' become
    /// entities, and characters that XML forbids (controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF)
    /// become U+FFFD, so every SVG stays well-formed.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || (c < ' ' && c is not ('\t' or '\n' or '\r')))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
