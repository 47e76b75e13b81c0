using System.Text.Json;

namespace Lamdas.Tokenization.Loading;

/// <summary>A JSON element with its path inside a file, producing errors that name the file and field.</summary>
internal readonly record struct JsonSection(JsonElement Element, string Path, string File)
{
    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public JsonSection? Optional(string name)
    {
        if (Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            return new JsonSection(value, Child(name), File);
        }

        return null;
    }

    public JsonSection Required(string name) =>
        Optional(name) ?? throw Error($"required field '{Child(name)}' is missing or null");

    public JsonSection Item(int index) => new(Element[index], $"{Path}[{index}]", File);

    /// <summary>The items of an array in order (indexing a JsonElement array is not constant-time, enumerating is).</summary>
    public IEnumerable<JsonSection> Items()
    {
        Length();
        int index = 0;
        foreach (JsonElement item in Element.EnumerateArray())
        {
            yield return new JsonSection(item, $"{Path}[{index++}]", File);
        }
    }

    public string String(string name) => Required(name).AsString();

    public string? OptionalString(string name) => Optional(name)?.AsString();

    public bool Bool(string name, bool defaultValue)
    {
        JsonSection? value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        return value.Value.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw value.Value.Error("expected true or false"),
        };
    }

    public string AsString() => Element.ValueKind == JsonValueKind.String
        ? Element.GetString()!
        : throw Error($"expected a string but found {Element.ValueKind}");

    public int AsInt32() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out int value) && value >= 0
        ? value
        : throw Error($"expected a non-negative 32-bit integer but found {Element}");

    public int Length(JsonValueKind expectedKind = JsonValueKind.Array)
    {
        if (Element.ValueKind != expectedKind)
        {
            throw Error($"expected {expectedKind} but found {Element.ValueKind}");
        }

        return expectedKind == JsonValueKind.Array ? Element.GetArrayLength() : Element.EnumerateObject().Count();
    }

    public TokenizerException Error(string message) => new($"{File}: {Path}: {message}");

    public TokenizerException Unsupported(string field, string value, string supported) =>
        new($"{File}: {Child(field)} = \"{value}\" is not supported ({supported})");

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
