using System.Text.Json.Serialization;

namespace Lamdas.Engine.Prefix;

/// <summary>Contents of <c>prefix.json</c>: where a prefix comes from and how it was trained.</summary>
public sealed record PrefixMetadata
{
    [JsonPropertyName("format_version")]
    public int FormatVersion { get; init; } = 1;

    [JsonPropertyName("base_model_fingerprint")]
    public string? BaseModelFingerprint { get; init; }

    [JsonPropertyName("base_model")]
    public string? BaseModel { get; init; }

    [JsonPropertyName("length")]
    public int Length { get; init; }

    [JsonPropertyName("num_layers")]
    public int NumLayers { get; init; }

    [JsonPropertyName("num_kv_heads")]
    public int NumKeyValueHeads { get; init; }

    [JsonPropertyName("head_dim")]
    public int HeadDim { get; init; }

    [JsonPropertyName("reference")]
    public ReferenceSetInfo? Reference { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    [JsonPropertyName("hyper_parameters")]
    public PrefixHyperParameters? HyperParameters { get; init; }

    [JsonPropertyName("epochs")]
    public IReadOnlyList<EpochRecord> Epochs { get; init; } = [];

    [JsonPropertyName("validation_nll_base")]
    public double? ValidationNllBase { get; init; }

    [JsonPropertyName("validation_nll_prefix")]
    public double? ValidationNllPrefix { get; init; }

    /// <summary>
    /// Whether <see cref="EpochRecord.ValidationNll"/> and the NLLs above were measured on held-out reference
    /// documents (false: on the training windows, when nothing was held out); null in files written before it existed.
    /// </summary>
    [JsonPropertyName("validation_held_out")]
    public bool? ValidationHeldOut { get; init; }

    /// <summary>The cross-validation that chose the epoch count; null when the count was not cross-validated.</summary>
    [JsonPropertyName("cross_validation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PrefixCrossValidation? CrossValidation { get; init; }

    [JsonPropertyName("best_epoch")]
    public int? BestEpoch { get; init; }

    [JsonPropertyName("wall_time_seconds")]
    public double? WallTimeSeconds { get; init; }

    [JsonPropertyName("created_utc")]
    public DateTimeOffset? CreatedUtc { get; init; }
}

/// <summary>The reference documents a prefix was trained on.</summary>
public sealed record ReferenceSetInfo(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("training_documents")] int TrainingDocuments,
    [property: JsonPropertyName("validation_documents")] int ValidationDocuments,
    [property: JsonPropertyName("tokens")] long Tokens,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>
/// K-fold cross-validation of the epoch count: the NLL (nats/token) pooled over every held-out fold without a prefix
/// and after each epoch (index 0: the initialisation), and the epoch count then trained on every document.
/// </summary>
public sealed record PrefixCrossValidation(
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("held_out_nll_base")] double HeldOutNllBase,
    [property: JsonPropertyName("held_out_nll")] IReadOnlyList<double> HeldOutNll,
    [property: JsonPropertyName("chosen_epochs")] int ChosenEpochs);

/// <summary>Per-epoch mean negative log-likelihood per token (nats).</summary>
public sealed record EpochRecord(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("train_nll")] double TrainNll,
    [property: JsonPropertyName("validation_nll")] double ValidationNll,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>Settings used for prefix training.</summary>
public sealed record PrefixHyperParameters(
    [property: JsonPropertyName("learning_rate")] double LearningRate,
    [property: JsonPropertyName("weight_decay")] double WeightDecay,
    [property: JsonPropertyName("max_epochs")] int MaxEpochs,
    [property: JsonPropertyName("patience")] int Patience,
    [property: JsonPropertyName("batch_tokens")] int BatchTokens,
    [property: JsonPropertyName("max_tokens")] int MaxTokens,
    [property: JsonPropertyName("validation_fraction")] double ValidationFraction,
    [property: JsonPropertyName("initialisation")] string Initialisation)
{
    /// <summary>Weight of the contrastive background term (0: trained on the reference alone).</summary>
    [JsonPropertyName("contrast_weight")]
    public double ContrastWeight { get; init; }

    /// <summary>Sharpness k of the contrastive softplus(k·m)/k.</summary>
    [JsonPropertyName("contrast_scale")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ContrastScale { get; init; }

    /// <summary>Candidate-pool windows the contrastive term trained on.</summary>
    [JsonPropertyName("background_windows")]
    public int BackgroundWindows { get; init; }
}
