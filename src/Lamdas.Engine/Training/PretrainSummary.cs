using System.Text.Json.Serialization;

namespace Lamdas.Engine.Training;

/// <summary>What training_log.json records about a finished pretraining run.</summary>
public sealed record PretrainSummary(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("corpus")] string Corpus,
    [property: JsonPropertyName("corpus_sha256")] string CorpusSha256,
    [property: JsonPropertyName("corpus_documents")] int CorpusDocuments,
    [property: JsonPropertyName("corpus_lines_skipped")] int CorpusLinesSkipped,
    [property: JsonPropertyName("training_documents")] int TrainingDocuments,
    [property: JsonPropertyName("held_out_documents")] int HeldOutDocuments,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("tokens_seen")] long TokensSeen,
    [property: JsonPropertyName("final_held_out_loss")] double FinalHeldOutLoss,
    [property: JsonPropertyName("wall_time_seconds")] double WallTimeSeconds,
    [property: JsonPropertyName("options")] PretrainOptions Options,
    [property: JsonPropertyName("evaluations")] IReadOnlyList<PretrainEvaluation> Evaluations);
