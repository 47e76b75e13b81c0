using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Checks the shape of a specification tree against <see cref="SpecLimits"/> without recursion: nesting depth and
/// node count (either one over its limit ends the check at once), the length and Unicode validity of every key and
/// string, and that every number is finite.
/// </summary>
internal static class SpecTree
{
    public static void Check(JsonNode root, SpecLimits limits, Problems p)
    {
        var pending = new Stack<(JsonNode? Node, string Path, int Depth)>();
        pending.Push((root, "", 1));
        var nodes = 0;
        while (pending.Count > 0)
        {
            var (node, path, depth) = pending.Pop();
            if (++nodes > limits.MaxNodes)
            {
                p.Add("", $"has more than {limits.MaxNodes} nodes (keys, values, mappings and lists)");
                p.ThrowIfAny();
            }

            switch (node)
            {
                case JsonObject obj:
                    TooDeep(path, depth, limits, p);
                    foreach (var (key, value) in obj.Reverse())
                    {
                        var child = SpecText.Child(path, key);
                        nodes++;
                        CheckText(child, key, "key", limits, p);
                        pending.Push((value, child, depth + 1));
                    }

                    break;
                case JsonArray list:
                    TooDeep(path, depth, limits, p);
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        pending.Push((list[i], SpecText.Item(path, i), depth + 1));
                    }

                    break;
                case JsonValue value when SpecText.IsString(value):
                    if (!SpecText.TryGetString(value, out var text))
                    {
                        p.Refuse(path, "must be valid Unicode text (it holds an unpaired surrogate)");
                    }
                    else
                    {
                        CheckText(path, text, "value", limits, p);
                    }

                    break;
                case JsonValue value when SpecText.TryGetNumber(value, out var number) && !double.IsFinite(number):
                    p.Refuse(path, $"must be a finite number (found {SpecText.Describe(value)})");
                    break;
            }
        }
    }

    private static void TooDeep(string path, int depth, SpecLimits limits, Problems p)
    {
        if (depth > limits.MaxDepth)
        {
            p.Add(path, $"is nested deeper than {limits.MaxDepth} levels");
            p.ThrowIfAny();
        }
    }

    private static void CheckText(string path, string text, string what, SpecLimits limits, Problems p)
    {
        if (text.Length > limits.MaxStringLength)
        {
            p.Refuse(path, what == "key"
                ? $"is a key of {text.Length} characters; keys must be at most {limits.MaxStringLength} characters"
                : $"must be at most {limits.MaxStringLength} characters (found {text.Length})");
        }
        else if (SpecText.UnpairedSurrogate(text) >= 0)
        {
            p.Refuse(path, what == "key" ? "is a key that is not valid Unicode text (it holds an unpaired surrogate)" : "must be valid Unicode text (it holds an unpaired surrogate)");
        }
    }
}
