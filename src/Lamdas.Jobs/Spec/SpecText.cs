using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Field paths and short, safe renderings of found values for problem messages: values are cut to a few dozen
/// characters and control characters and surrogates are escaped, so a hostile value cannot flood or garble a message.
/// </summary>
internal static class SpecText
{
    /// <summary>Characters of a found value shown in a message.</summary>
    public const int Shown = 64;

    /// <summary>The path of <paramref name="key"/> inside the mapping at <paramref name="parent"/> ("" is the top level).</summary>
    public static string Child(string parent, string key)
    {
        var name = IsPlainKey(key) ? key : Quote(key);
        return parent.Length == 0 ? name : parent + "." + name;
    }

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>A string value in double quotes, escaped and cut to <see cref="Shown"/> characters.</summary>
    public static string Quote(string value) => "\"" + Clip(value, quoted: true) + "\"";

    /// <summary>Text as it appears in the document, escaped and cut to <see cref="Shown"/> characters.</summary>
    public static string Clip(string value, bool quoted = false)
    {
        var text = new StringBuilder(Math.Min(value.Length, Shown) + 8);
        for (var i = 0; i < value.Length && i < Shown; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else if (quoted && c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else
            {
                text.Append(c);
            }
        }

        return value.Length > Shown ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>A number as written in messages (invariant culture, shortest round-trip form).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as written in messages (invariant culture, no separators).</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A found value for a message: strings quoted and cut, numbers as given, mappings and lists by kind only.</summary>
    public static string Describe(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "a mapping";
            case JsonArray:
                return "a list";
        }

        var value = (JsonValue)node;
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return TryGetString(value, out var text) ? Quote(text) : "a string that is not valid Unicode";
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number when value.TryGetValue<JsonElement>(out var element):
                return Clip(element.GetRawText());
            case JsonValueKind.Number when TryGetNumber(value, out var number):
                return Number(number);
            default:
                return "null";
        }
    }

    /// <summary>The string held by <paramref name="node"/>, if it holds valid UTF-16 text.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = v.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            // A JSON string escape holding an unpaired surrogate cannot be read as text.
            return false;
        }
    }

    /// <summary>True when <paramref name="node"/> is a JSON string (valid text or not).</summary>
    public static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>The number held by <paramref name="node"/> as a double (possibly not finite: 1e999 reads as infinity).</summary>
    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out long integer))
        {
            value = integer;
            return true;
        }

        if (v.TryGetValue(out int small))
        {
            value = small;
            return true;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        try
        {
            value = Convert.ToDouble(v.GetValue<object>(), CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The integer held by <paramref name="node"/> exactly, when it is written as one that fits a long.</summary>
    public static bool TryGetExactInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue(out int small))
        {
            value = small;
            return true;
        }

        return false;
    }

    /// <summary>The index of the first unpaired surrogate in <paramref name="value"/>, or -1.</summary>
    public static int UnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first control character (C0, DEL, C1) in <paramref name="value"/>, or -1.</summary>
    public static int ControlCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPlainKey(string key) =>
        key.Length is > 0 and <= Shown && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
