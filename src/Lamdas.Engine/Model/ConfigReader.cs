using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Engine.Model;

/// <summary>Typed access to a JSON config object with errors that name the file and field.</summary>
internal sealed class ConfigReader(JsonObject root, string source)
{
    public string Source => source;

    public void Check(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new EngineException($"{source}: {field}: {message}");
        }
    }

    public int RequiredInt(string field) =>
        OptionalInt(field) ?? throw new EngineException($"{source}: {field}: required field is missing");

    public int? OptionalInt(string field)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<int>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new EngineException($"{source}: {field}: expected an integer, found {node.ToJsonString()}", e);
        }
    }

    /// <summary>A token id that may also be given as a list (the first entry is used).</summary>
    public int? OptionalTokenId(string field) => root[field] switch
    {
        null => null,
        JsonArray { Count: 0 } => null,
        JsonArray array => array[0]?.GetValue<int>(),
        _ => OptionalInt(field),
    };

    public double? OptionalDouble(string field)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<double>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new EngineException($"{source}: {field}: expected a number, found {node.ToJsonString()}", e);
        }
    }

    public bool? OptionalBool(string field)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<bool>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new EngineException($"{source}: {field}: expected true or false, found {node.ToJsonString()}", e);
        }
    }

    public string? OptionalString(string field)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<string>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new EngineException($"{source}: {field}: expected a string, found {node.ToJsonString()}", e);
        }
    }
}
