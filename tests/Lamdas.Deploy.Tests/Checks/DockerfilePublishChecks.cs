namespace Lamdas.Deploy.Tests.Checks;

/// <summary>How an image's build stage produces /app: the documented publish of the CLI, restored for its runtime.</summary>
public static class DockerfilePublishChecks
{
    private const string Project = "src/Lamdas.Cli/Lamdas.Cli.csproj";

    /// <summary>The documented publish: the words of the line of docs/building.md that starts with <c>dotnet publish src/Lamdas.Cli</c>.</summary>
    public static IReadOnlyList<string> Documented()
    {
        var line = File.ReadLines(Repo.PathOf("docs", "building.md")).Single(l => l.StartsWith("dotnet publish src/Lamdas.Cli ", StringComparison.Ordinal));
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The problems of the build stage against <paramref name="documented"/> (the words of the documented
    /// <c>dotnet publish</c> command): one <c>dotnet publish</c> of the CLI into /app with every documented option and
    /// value; no <c>dotnet build</c> output copied instead; a restore for the same runtime identifier and backend.
    /// </summary>
    public static IEnumerable<string> Publish(Dockerfile file, IReadOnlyList<string> documented)
    {
        var runs = file.Instructions.Where(i => i.Keyword == "RUN").ToList();
        var publishes = runs.Select(r => (r.Line, Words: Command(r.Raw, "publish"))).Where(p => p.Words is not null).ToList();
        if (publishes.Count != 1)
        {
            yield return $"{publishes.Count} RUN dotnet publish, expected one";
            yield break;
        }

        var (line, words) = (publishes[0].Line, publishes[0].Words!);
        if (!words.Contains(Project))
        {
            yield return $"line {line}: dotnet publish does not publish {Project}";
        }

        if (Value(words, "-o") != "/app")
        {
            yield return $"line {line}: dotnet publish does not write /app (-o /app)";
        }

        foreach (var (option, value) in Options(documented).Where(o => o.Option != "-o"))
        {
            if (!words.Contains(option))
            {
                yield return $"line {line}: dotnet publish lacks {option}" + (value is null ? "" : " " + value) + " (docs/building.md)";
            }
            else if (value is not null && Value(words, option) != value)
            {
                yield return $"line {line}: dotnet publish has {option} {Value(words, option)}, docs/building.md {value}";
            }
        }

        foreach (var build in runs.Where(r => Command(r.Raw, "build") is not null))
        {
            yield return $"line {build.Line}: dotnet build: the image must carry the publish output";
        }

        var restore = runs.Select(r => Command(r.Raw, "restore")).FirstOrDefault(w => w is not null);
        if (words.Contains("--no-restore") && restore is not null)
        {
            var runtime = Value(words, "-r");
            if (runtime is not null && Value(restore, "-r") != runtime)
            {
                yield return $"dotnet restore is not for -r {runtime}, which dotnet publish --no-restore needs";
            }

            var backend = words.FirstOrDefault(w => w.StartsWith("-p:TorchBackend=", StringComparison.Ordinal));
            if (backend is not null && !restore.Contains(backend))
            {
                yield return $"dotnet restore lacks {backend} of dotnet publish";
            }
        }
    }

    /// <summary>The words of the first <c>dotnet VERB</c> in a RUN command, up to the next shell operator; null if none.</summary>
    private static List<string>? Command(string run, string verb)
    {
        var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == "dotnet" && words[i + 1] == verb)
            {
                return words.Skip(i).TakeWhile(w => w is not ("&&" or "||" or ";" or "|")).ToList();
            }
        }

        return null;
    }

    /// <summary>The value after <paramref name="option"/>, or null.</summary>
    private static string? Value(IReadOnlyList<string> words, string option)
    {
        var index = words.ToList().IndexOf(option);
        return index >= 0 && index + 1 < words.Count ? words[index + 1] : null;
    }

    /// <summary>The options of a command (words starting with '-'), each with its value when the next word is not an option.</summary>
    private static IEnumerable<(string Option, string? Value)> Options(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].StartsWith('-'))
            {
                var value = i + 1 < words.Count && !words[i + 1].StartsWith('-') ? words[i + 1] : null;
                yield return (words[i], value);
            }
        }
    }
}
