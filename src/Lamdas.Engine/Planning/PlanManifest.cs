using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Engine.Planning;

/// <summary>
/// What a capacity plan can take from a job's manifest.json: the spec's max_tokens, window_tokens and prefix length,
/// and a cascade's measured pass rate, pilot size and tokens per document. Every field is optional.
/// </summary>
public sealed record PlanManifest
{
    public string? Method { get; init; }

    public double? PassRate { get; init; }

    public int? PilotDocuments { get; init; }

    public int? PilotKept { get; init; }

    public double? Recall { get; init; }

    public double? RecallLower { get; init; }

    public double? TargetRecall { get; init; }

    public double? Confidence { get; init; }

    public double? CandidateTokensPerDocument { get; init; }

    public double? ScoredTokensPerDocument { get; init; }

    public int? MaxTokens { get; init; }

    public int? WindowTokens { get; init; }

    public int? PrefixLength { get; init; }

    /// <summary>Scored tokens per candidate token: scored ÷ candidate tokens per document, when both are present.</summary>
    public double? ScoredFraction => ScoredTokensPerDocument is { } s && CandidateTokensPerDocument is { } c && c > 0 ? s / c : null;

    /// <summary>Reads <paramref name="path"/> (a local manifest.json).</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON object, or a field has the wrong type.</exception>
    public static PlanManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})", e);
        }

        return Parse(root as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object"), path);
    }

    /// <summary>Reads the fields from a parsed manifest; <paramref name="source"/> names it in error messages.</summary>
    public static PlanManifest Parse(JsonObject manifest, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var cascade = Object(manifest, "cascade", source);
        var spec = Object(manifest, "spec", source);
        var prefix = spec is null ? null : Object(spec, "prefix", source, "spec.");
        return new PlanManifest
        {
            Method = cascade?["method"] is JsonValue m && m.TryGetValue<string>(out var method) ? method : null,
            PassRate = Number(cascade, "pass_rate", source, "cascade."),
            PilotDocuments = Integer(cascade, "pilot_documents", source, "cascade."),
            PilotKept = Integer(cascade, "pilot_kept", source, "cascade."),
            Recall = Number(cascade, "recall", source, "cascade."),
            RecallLower = Number(cascade, "recall_lower", source, "cascade."),
            TargetRecall = Number(cascade, "target_recall", source, "cascade."),
            Confidence = Number(cascade, "confidence", source, "cascade."),
            CandidateTokensPerDocument = Number(cascade, "candidate_tokens_per_document", source, "cascade."),
            ScoredTokensPerDocument = Number(cascade, "scored_tokens_per_document", source, "cascade."),
            MaxTokens = Integer(spec, "max_tokens", source, "spec."),

            // A spec written before window_tokens existed was scored in the whole context only.
            WindowTokens = spec is null ? null : Integer(spec, "window_tokens", source, "spec.") ?? 0,
            PrefixLength = Integer(prefix, "length", source, "spec.prefix."),
        };
    }

    private static JsonObject? Object(JsonObject parent, string name, string source, string path = "") => parent[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new InvalidDataException($"{source}: {path}{name} is not an object"),
    };

    private static double? Number(JsonObject? parent, string name, string source, string path)
    {
        if (parent?[name] is not { } node)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return v.GetValue<double>();
        }

        throw new InvalidDataException($"{source}: {path}{name} is not a number ({node.ToJsonString()})");
    }

    private static int? Integer(JsonObject? parent, string name, string source, string path)
    {
        var value = Number(parent, name, source, path);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || value < int.MinValue || value > int.MaxValue)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: {path}{name} is not a whole number ({value})"));
        }

        return (int)value.Value;
    }
}
