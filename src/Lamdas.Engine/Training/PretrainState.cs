using System.Text.Json.Serialization;

namespace Lamdas.Engine.Training;

/// <summary>Progress saved with each checkpoint.</summary>
internal sealed class PretrainState
{
    [JsonPropertyName("step")]
    public int Step { get; set; }

    [JsonPropertyName("tokens_seen")]
    public long TokensSeen { get; set; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; set; }

    [JsonPropertyName("last_loss")]
    public double LastLoss { get; set; }

    [JsonPropertyName("history")]
    public List<PretrainEvaluation> History { get; set; } = [];
}
