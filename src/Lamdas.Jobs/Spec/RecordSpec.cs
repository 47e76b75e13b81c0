namespace Lamdas.Jobs.Spec;

/// <summary>Which fields of an input record hold the id and the text (or an SFT prompt/response pair).</summary>
[GenerateSerializer, Immutable, Alias("lamdas.RecordSpec")]
public sealed record RecordSpec
{
    [Id(0)]
    public string Id { get; init; } = "id";

    [Id(1)]
    public string? Text { get; init; }

    [Id(2)]
    public string? Prompt { get; init; }

    [Id(3)]
    public string? Response { get; init; }

    /// <summary>For SFT records: <c>full</c> scores the templated prompt + response; <c>response</c> scores only the response, conditioned on the prompt.</summary>
    [Id(4)]
    public SftScoring Score { get; init; } = SftScoring.Full;

    public bool IsSft => Prompt is not null;
}
