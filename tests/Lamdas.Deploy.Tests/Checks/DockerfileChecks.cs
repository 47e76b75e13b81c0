using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>What a lamdas image's Dockerfile must get right; each check returns the problems it finds.</summary>
public static partial class DockerfileChecks
{
    /// <summary>COPY/ADD sources (not from another stage) that do not exist in the build context.</summary>
    public static IEnumerable<string> MissingCopySources(Dockerfile file, string context)
    {
        foreach (var copy in file.Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.Any(f => f.StartsWith("--from", StringComparison.Ordinal))))
        {
            foreach (var source in copy.Arguments.Take(copy.Arguments.Count - 1))
            {
                if (!File.Exists(Path.Combine(context, source)) && !Directory.Exists(Path.Combine(context, source)))
                {
                    yield return $"line {copy.Line}: COPY source {source} does not exist";
                }
            }
        }
    }

    /// <summary>Project, solution and MSBuild files named in RUN commands that do not exist in the repository.</summary>
    public static IEnumerable<string> MissingRunFiles(Dockerfile file, string context) =>
        file.Instructions.Where(i => i.Keyword == "RUN")
            .SelectMany(i => ProjectFile().Matches(i.Raw).Select(m => (i.Line, Path: m.Value)))
            .Where(p => !File.Exists(Path.Combine(context, p.Path)))
            .Select(p => $"line {p.Line}: {p.Path} does not exist");

    /// <summary>
    /// The restore layer: the project of the first <c>dotnet restore</c>, every project it references (transitively),
    /// the build settings and build/ must be copied before it, and the sources (src/) only after it.
    /// </summary>
    public static IEnumerable<string> RestoreLayer(Dockerfile file, string context)
    {
        var restore = file.Instructions.Select((x, i) => (x, i)).FirstOrDefault(p => p.x.Keyword == "RUN" && p.x.Raw.Contains("dotnet restore", StringComparison.Ordinal));
        if (restore.x is null)
        {
            yield return "no RUN dotnet restore";
            yield break;
        }

        var project = ProjectFile().Match(restore.x.Raw).Value;
        var copied = file.Instructions.Take(restore.i)
            .Where(i => i.Keyword == "COPY" && i.Flags.Count == 0)
            .SelectMany(i => i.Arguments.Take(i.Arguments.Count - 1))
            .Select(s => s.TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);
        var required = ProjectClosure(context, project)
            .Concat(["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "build"]);
        foreach (var path in required.Where(p => !copied.Contains(p)))
        {
            yield return $"{path} is not copied before line {restore.x.Line} (dotnet restore)";
        }

        foreach (var early in copied.Where(c => c == "src" || c == "."))
        {
            yield return $"{early}/ is copied before the restore, so every source change invalidates the package layer";
        }
    }

    /// <summary>The runtime stage: non-root user, lamdas entry point, serve by default, health check and ports.</summary>
    public static IEnumerable<string> RuntimeStage(Dockerfile file)
    {
        var stage = file.FinalStage;
        var user = stage.LastOrDefault(i => i.Keyword == "USER")?.Arguments is { Count: > 0 } arguments ? arguments[0] : null;
        if (user is null || user.Split(':')[0] is "root" or "0")
        {
            yield return $"the runtime stage runs as {user ?? "root (no USER)"}";
        }

        if (stage.LastOrDefault(i => i.Keyword == "ENTRYPOINT") is not { } entry || !entry.Arguments.SequenceEqual(["/app/lamdas"]))
        {
            yield return "ENTRYPOINT is not [\"/app/lamdas\"]";
        }

        if (stage.LastOrDefault(i => i.Keyword == "CMD") is not { } cmd || !cmd.Arguments.SequenceEqual(["serve"]))
        {
            yield return "CMD is not [\"serve\"]";
        }

        if (stage.LastOrDefault(i => i.Keyword == "HEALTHCHECK") is not { } health || !health.Raw.Contains("/healthz", StringComparison.Ordinal))
        {
            yield return "no HEALTHCHECK on /healthz";
        }

        var exposed = stage.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments).ToHashSet();
        foreach (var port in new[] { "8080", "11111", "30000" }.Where(p => !exposed.Contains(p)))
        {
            yield return $"port {port} is not exposed";
        }

        if (!stage.Any(i => i.Keyword == "COPY" && i.Flags.Contains("--from=build") && i.Arguments[0] == "/app"))
        {
            yield return "the runtime stage does not copy /app (the CLI with its natives) from the build stage";
        }
    }

    /// <summary>The project and every project it references, as repository-relative paths.</summary>
    public static IReadOnlyList<string> ProjectClosure(string root, string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Normalize(project)]);
        while (pending.TryPop(out var next))
        {
            if (seen.Contains(next))
            {
                continue;
            }

            seen.Add(next);
            var full = Path.Combine(root, next);
            if (!File.Exists(full))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                var resolved = Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, include)));
                pending.Push(Normalize(resolved));
            }
        }

        return seen;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    [GeneratedRegex(@"[\w./-]+\.(csproj|sln|props|targets)\b")]
    private static partial Regex ProjectFile();
}
