using System.Text.Json.Serialization;

namespace Lamdas.Engine.Training;

/// <summary>A held-out evaluation during pretraining (losses in nats/token).</summary>
public sealed record PretrainEvaluation(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("tokens_seen")] long TokensSeen,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("held_out_loss")] double HeldOutLoss);
