using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>Typed access to output fields that fails the test when a field is missing or has the wrong JSON type.</summary>
internal static class Field
{
    public static JsonElement Get(JsonElement row, string name)
    {
        Assert.True(row.ValueKind == JsonValueKind.Object, $"expected a JSON object, got {row.GetRawText()}");
        Assert.True(row.TryGetProperty(name, out var value), $"field \"{name}\" missing in {row.GetRawText()}");
        return value;
    }

    public static double Number(JsonElement row, string name)
    {
        var value = Get(row, name);
        Assert.True(value.ValueKind == JsonValueKind.Number, $"field \"{name}\" is not a number in {row.GetRawText()}");
        var number = value.GetDouble();
        Assert.True(double.IsFinite(number), $"field \"{name}\" is not finite in {row.GetRawText()}");
        return number;
    }

    public static long Integer(JsonElement row, string name)
    {
        var value = Get(row, name);
        Assert.True(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            $"field \"{name}\" is not an integer in {row.GetRawText()}");
        return value.GetInt64();
    }

    public static bool Boolean(JsonElement row, string name)
    {
        var value = Get(row, name);
        Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            $"field \"{name}\" is not a boolean in {row.GetRawText()}");
        return value.GetBoolean();
    }

    public static string String(JsonElement row, string name)
    {
        var value = Get(row, name);
        Assert.True(value.ValueKind == JsonValueKind.String, $"field \"{name}\" is not a string in {row.GetRawText()}");
        return value.GetString()!;
    }

    public static int[] IntArray(JsonElement row, string name)
    {
        var value = Get(row, name);
        Assert.True(value.ValueKind == JsonValueKind.Array, $"field \"{name}\" is not an array in {row.GetRawText()}");
        return value.EnumerateArray().Select(e =>
        {
            Assert.True(e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _), $"\"{name}\" holds a non-integer: {e.GetRawText()}");
            return e.GetInt32();
        }).ToArray();
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        var bound = relative * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= bound,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):E3}, allowed {bound:E3})");
    }
}
