using System.Text.Json;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>One instruction of a Dockerfile: keyword, its flags (<c>--from=build</c>) and arguments.</summary>
public sealed record DockerInstruction(int Line, string Keyword, IReadOnlyList<string> Flags, IReadOnlyList<string> Arguments, string Raw);

/// <summary>A parsed Dockerfile: comments dropped, continuation lines joined, JSON and shell forms split.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The instructions of the last stage (from its FROM on).</summary>
    public IReadOnlyList<DockerInstruction> FinalStage =>
        Instructions.Skip(Instructions.Select((x, i) => (x, i)).Last(p => p.x.Keyword == "FROM").i).ToList();

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var joined = trimmed;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined = joined[..^1].TrimEnd();
                var next = lines[++i].Trim();
                if (!next.StartsWith('#'))
                {
                    joined += " " + next;
                }
            }

            instructions.Add(Split(start, joined));
        }

        return new Dockerfile(instructions);
    }

    private static DockerInstruction Split(int line, string raw)
    {
        var space = raw.IndexOf(' ');
        var keyword = (space < 0 ? raw : raw[..space]).ToUpperInvariant();
        var rest = space < 0 ? "" : raw[(space + 1)..].Trim();
        var flags = new List<string>();
        while (rest.StartsWith("--", StringComparison.Ordinal) && keyword is "COPY" or "ADD" or "FROM" or "HEALTHCHECK")
        {
            var end = rest.IndexOf(' ');
            flags.Add(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? "" : rest[(end + 1)..].TrimStart();
        }

        IReadOnlyList<string> args = rest.StartsWith('[') && TryJsonArray(rest) is { } array
            ? array
            : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new DockerInstruction(line, keyword, flags, args, rest);
    }

    private static string[]? TryJsonArray(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
