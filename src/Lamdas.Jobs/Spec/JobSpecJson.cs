using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Spec;

/// <summary>JSON settings for writing a validated spec into manifests (snake_case, enums as strings).</summary>
public static class JobSpecJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
