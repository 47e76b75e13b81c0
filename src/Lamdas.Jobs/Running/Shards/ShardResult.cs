using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Running;

/// <summary>What one input shard produced; persisted as its completion marker so a re-run can skip it.</summary>
public sealed record ShardResult
{
    /// <summary>A result for shard <paramref name="index"/> that names its input and holds no counts or files yet.</summary>
    public static ShardResult For(int index, Lamdas.Formats.ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new ShardResult { Index = index, Source = shard.Uri, Start = shard.Start, End = shard.End, RowGroup = shard.RowGroup };
    }

    [JsonPropertyName("index")]
    public int Index { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("start")]
    public long Start { get; init; }

    [JsonPropertyName("end")]
    public long End { get; init; }

    [JsonPropertyName("row_group")]
    public int? RowGroup { get; init; }

    [JsonPropertyName("documents")]
    public long Documents { get; init; }

    [JsonPropertyName("quarantined")]
    public long Quarantined { get; init; }

    [JsonPropertyName("selected")]
    public long Selected { get; init; }

    [JsonPropertyName("tokens")]
    public long Tokens { get; init; }

    /// <summary>A cascade job's documents that reached the LLM (null without a cascade: all of them).</summary>
    [JsonPropertyName("model_documents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ModelDocuments { get; init; }

    /// <summary>A cascade job's tokens the LLM read (null without a cascade: <see cref="Tokens"/>).</summary>
    [JsonPropertyName("model_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ModelTokens { get; init; }

    /// <summary>Wall time of this run of the shard; not persisted (outputs are a pure function of the inputs).</summary>
    [JsonIgnore]
    public double Seconds { get; init; }

    [JsonPropertyName("files")]
    public IReadOnlyList<OutputFile> Files { get; init; } = [];

    [JsonPropertyName("top")]
    public IReadOnlyList<Example> Top { get; init; } = [];

    [JsonPropertyName("bottom")]
    public IReadOnlyList<Example> Bottom { get; init; } = [];
}

/// <summary>A committed output file with its size and SHA-256.</summary>
public sealed record OutputFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>A scored document shown in the report.</summary>
public sealed record Example(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("tokens")] int Tokens,
    [property: JsonPropertyName("snippet")] string Snippet);
