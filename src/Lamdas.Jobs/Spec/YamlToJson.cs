using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Converts YAML (a superset of JSON) into a JSON tree, typing plain scalars (numbers, booleans, null). It reads the
/// parser's events one at a time and keeps open mappings and lists on an explicit stack, so nesting costs no call
/// stack; it stops at the first mapping or list deeper than <see cref="SpecLimits.MaxDepth"/> or the first node past
/// <see cref="SpecLimits.MaxNodes"/>, before the rest of the text is scanned. Anchors, aliases and tags are refused and
/// never expanded; a repeated key, a non-string key and a non-finite number are problems at their paths.
/// </summary>
internal static class YamlToJson
{
    private const string NoAliases = "anchors and aliases are not allowed in a job specification";

    /// <summary>The tree of the document in <paramref name="text"/> (null for an empty one); throws <see cref="JobSpecException"/> when it cannot be read.</summary>
    public static JsonNode? Convert(string text, SpecLimits limits, Problems p)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<YamlFrame>();
        JsonNode? root = null;
        var documents = 0;
        var nodes = 0;
        while (Next(parser, p))
        {
            var e = parser.Current!;
            switch (e)
            {
                case DocumentStart start when ++documents > 1:
                    p.Add("", $"must be a single YAML document (another one starts on line {start.Start.Line})");
                    p.ThrowIfAny();
                    break;
                case MappingEnd or SequenceEnd:
                    Close(open);
                    break;
                case AnchorAlias or NodeEvent:
                    if (++nodes > limits.MaxNodes)
                    {
                        p.Add("", $"has more than {limits.MaxNodes} nodes (keys, values, mappings and lists)");
                        p.ThrowIfAny();
                    }

                    if (open.TryPeek(out var parent) && parent.IsMapping && parent.ExpectKey)
                    {
                        Key(e, parent, open, limits, p);
                    }
                    else if (open.Count == 0)
                    {
                        root = Value(e, open, limits, p);
                    }
                    else
                    {
                        Value(e, open, limits, p);
                    }

                    break;
            }
        }

        return root;
    }

    private static bool Next(Parser parser, Problems p)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException e)
        {
            p.Add("", $"is not valid YAML/JSON: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The reader fails this way on some malformed input (e.g. an unclosed flow mapping before a comment).
            var line = parser.Current?.End.Line;
            p.Add("", $"is not valid YAML/JSON{(line is null ? "" : $" (after line {line})")}: the YAML reader cannot read it");
        }

        p.ThrowIfAny();
        return false;
    }

    private static void Key(ParsingEvent e, YamlFrame map, Stack<YamlFrame> open, SpecLimits limits, Problems p)
    {
        var line = e.Start.Line;
        map.ExpectKey = false;
        map.Key = null;
        map.DropValue = true;
        switch (e)
        {
            case Scalar scalar:
                var path = SpecText.Child(map.Path, scalar.Value);
                RefuseAnchorAndTag(scalar, path, p);
                if (map.Map is not null && map.Map.ContainsKey(scalar.Value))
                {
                    p.Add(path, $"is given more than once (again on line {line})");
                    return;
                }

                map.Key = scalar.Value;
                map.DropValue = false;
                return;
            case AnchorAlias alias:
                p.Add(map.Path, $"has a key that is an alias (*{SpecText.Clip(alias.Value.Value)}) on line {line}: {NoAliases}");
                return;
            default:
                p.Add(map.Path, $"has a key that is a {(e is MappingStart ? "mapping" : "list")} on line {line}: keys must be strings");
                RefuseAnchorAndTag((NodeEvent)e, map.Path, p);
                Open(e, map.Path, dropped: true, isKey: true, open, limits, p);
                return;
        }
    }

    private static JsonNode? Value(ParsingEvent e, Stack<YamlFrame> open, SpecLimits limits, Problems p)
    {
        var parent = open.Count > 0 ? open.Peek() : null;
        string path;
        var dropped = false;
        if (parent is null)
        {
            path = "";
        }
        else if (parent.IsMapping)
        {
            path = SpecText.Child(parent.Path, parent.Key ?? "?");
            dropped = parent.Dropped || parent.DropValue;
            parent.ExpectKey = true;
        }
        else
        {
            path = SpecText.Item(parent.Path, parent.Count++);
            dropped = parent.Dropped;
        }

        JsonNode? node;
        switch (e)
        {
            case AnchorAlias alias:
                p.Refuse(path, $"is an alias (*{SpecText.Clip(alias.Value.Value)}) on line {e.Start.Line}: {NoAliases}");
                node = null;
                break;
            case Scalar scalar:
                RefuseAnchorAndTag(scalar, path, p);
                node = Typed(scalar, path, p);
                break;
            default:
                RefuseAnchorAndTag((NodeEvent)e, path, p);
                node = Open(e, path, dropped, isKey: false, open, limits, p);
                break;
        }

        if (!dropped && parent is not null)
        {
            if (parent.Map is not null)
            {
                parent.Map[parent.Key!] = node;
            }
            else
            {
                parent.List?.Add(node);
            }
        }

        return node;
    }

    private static JsonNode? Open(ParsingEvent e, string path, bool dropped, bool isKey, Stack<YamlFrame> open, SpecLimits limits, Problems p)
    {
        if (open.Count + 1 > limits.MaxDepth)
        {
            p.Add(path, $"is nested deeper than {limits.MaxDepth} levels (line {e.Start.Line})");
            p.ThrowIfAny();
        }

        var mapping = e is MappingStart;
        var map = mapping && !dropped ? new JsonObject() : null;
        var list = !mapping && !dropped ? new JsonArray() : null;
        open.Push(new YamlFrame { Map = map, List = list, IsMapping = mapping, Dropped = dropped, IsKey = isKey, Path = path });
        return (JsonNode?)map ?? list;
    }

    private static void Close(Stack<YamlFrame> open)
    {
        var closed = open.Pop();
        if (closed.IsKey && open.TryPeek(out var map))
        {
            // The refused key is over; its value comes next and is not kept.
            map.ExpectKey = false;
            map.Key = null;
            map.DropValue = true;
        }
    }

    private static void RefuseAnchorAndTag(NodeEvent e, string path, Problems p)
    {
        if (!e.Anchor.IsEmpty)
        {
            p.Refuse(path, $"has an anchor (&{SpecText.Clip(e.Anchor.Value)}) on line {e.Start.Line}: {NoAliases}");
        }

        if (!e.Tag.IsEmpty)
        {
            p.Refuse(path, $"has a tag ({SpecText.Clip(e.Tag.Value)}) on line {e.Start.Line}: tags are not allowed in a job specification");
        }
    }

    private static JsonNode? Typed(Scalar scalar, string path, Problems p)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (IsYamlInfinityOrNaN(value)
            || (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsFinite(number)))
        {
            p.Refuse(path, $"must be a finite number (found {SpecText.Clip(value)})");
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) ? JsonValue.Create(number) : JsonValue.Create(value);
    }

    /// <summary>The YAML 1.2 core schema's infinities and not-a-number: .inf, -.inf, +.inf, .nan (three spellings each).</summary>
    private static bool IsYamlInfinityOrNaN(string value)
    {
        var unsigned = value.Length > 0 && value[0] is '+' or '-' ? value[1..] : value;
        return unsigned is ".inf" or ".Inf" or ".INF" || value is ".nan" or ".NaN" or ".NAN";
    }
}
