namespace Lamdas.Jobs.Spec;

/// <summary>Which fields of an input record hold the id and the text (or an SFT prompt/response pair).</summary>
public sealed record RecordSpec
{
    public string Id { get; init; } = "id";

    public string? Text { get; init; }

    public string? Prompt { get; init; }

    public string? Response { get; init; }

    /// <summary>For SFT records: <c>full</c> scores the templated prompt + response; <c>response</c> scores only the response, conditioned on the prompt.</summary>
    public SftScoring Score { get; init; } = SftScoring.Full;

    public bool IsSft => Prompt is not null;
}
