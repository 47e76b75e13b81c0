using Lamdas.Jobs.Running;

namespace Lamdas.Cli.Commands;

/// <summary>The one line <c>run</c>, <c>status</c> and <c>submit --wait</c> print for a cascade job.</summary>
internal static class CascadeText
{
    /// <summary>How <see cref="CascadePilot.Describe"/> starts.</summary>
    public const string Prefix = "cascade: ";

    /// <summary>The pilot's figures, then (once known) how many of the documents so far reached the LLM.</summary>
    public static string Line(CascadePilot pilot, long? modelDocuments, long documents)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        var line = pilot.Describe();
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            line = Prefix + line;
        }

        return modelDocuments is { } reached && documents > 0
            ? $"{line}; {reached} of {documents} documents reached the LLM ({RemoteJobText.Share(reached, documents)}), {documents - reached} saved"
            : line;
    }
}
