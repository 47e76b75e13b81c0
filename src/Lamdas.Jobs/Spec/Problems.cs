using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec;

/// <summary>Collects validation problems with their paths while reading typed fields.</summary>
internal sealed class Problems
{
    private readonly List<string> items = [];

    public void Add(string path, string message) => items.Add($"{path} {message}");

    public void Check(bool ok, string path, string message)
    {
        if (!ok)
        {
            Add(path, message);
        }
    }

    public void ThrowIfAny()
    {
        if (items.Count > 0)
        {
            throw new JobSpecException(items);
        }
    }

    public string? String(JsonObject obj, string key, string? path = null, bool required = false)
    {
        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Add(path ?? key, "is required");
            }

            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        Add(path ?? key, $"must be a string (found {node.ToJsonString()})");
        return null;
    }

    public double? Double(JsonObject obj, string key, string? path = null)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<long>(out var integer))
            {
                return integer;
            }

            if (v.TryGetValue<double>(out var real))
            {
                return real;
            }

            return v.GetValue<JsonElement>().GetDouble();
        }

        Add(path ?? key, $"must be a number (found {node.ToJsonString()})");
        return null;
    }

    public long? Long(JsonObject obj, string key, string? path = null)
    {
        var value = Double(obj, key, path);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || Math.Abs(value.Value) > 9e15)
        {
            Add(path ?? key, $"must be an integer (found {value})");
            return null;
        }

        return (long)value.Value;
    }

    public int? Int(JsonObject obj, string key, string? path = null)
    {
        var value = Long(obj, key, path);
        if (value is null)
        {
            return null;
        }

        if (value is > int.MaxValue or < int.MinValue)
        {
            Add(path ?? key, "is out of range");
            return null;
        }

        return (int)value.Value;
    }
}
