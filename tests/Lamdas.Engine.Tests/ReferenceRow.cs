using System.Text.Json.Serialization;

namespace Lamdas.Engine.Tests;

/// <summary>One line of a fixture's reference.jsonl.</summary>
internal sealed record ReferenceRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("max_tokens")] int MaxTokens,
    [property: JsonPropertyName("ids")] int[] Ids,
    [property: JsonPropertyName("tokens")] int Tokens,
    [property: JsonPropertyName("logprob")] double LogProb,
    [property: JsonPropertyName("logprob_prefix")] double LogProbPrefix);
