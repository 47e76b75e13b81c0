namespace Lamdas.Jobs.Running;

/// <summary>
/// The fixed template joining an SFT prompt and response:
/// <code>
/// ### Instruction:
/// {prompt}
///
/// ### Response:
/// {response}
/// </code>
/// <c>record.score: full</c> scores the whole text; <c>response</c> scores only the response tokens, with the
/// instruction part as conditioning context.
/// </summary>
public static class SftTemplate
{
    public static string Context(string prompt) => $"### Instruction:\n{prompt}\n\n### Response:\n";

    public static string Full(string prompt, string response) => Context(prompt) + response;
}
