using System.Text.RegularExpressions;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>A <c>.Values.a.b</c> reference in a chart template.</summary>
public sealed record ValueReference(string File, int Line, string Path);

/// <summary>Finds the <c>.Values.x.y(.z)</c> references of a chart's templates and the ones values.yaml lacks.</summary>
public static partial class TemplateValueReferences
{
    public static IReadOnlyList<ValueReference> Find(string templatesFolder)
    {
        var found = new List<ValueReference>();
        foreach (var file in Directory.EnumerateFiles(templatesFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in Reference().Matches(lines[i]))
                {
                    found.Add(new ValueReference(Path.GetRelativePath(templatesFolder, file), i + 1, match.Groups[1].Value.TrimStart('.')));
                }
            }
        }

        return found;
    }

    /// <summary>Every reference whose path is not a key of the values file, as "file:line: .Values.path".</summary>
    public static IReadOnlyList<string> Missing(string templatesFolder, string valuesYaml)
    {
        var paths = ValuesPaths.Of(valuesYaml);
        return Find(templatesFolder)
            .Where(r => !paths.Contains(r.Path))
            .Select(r => $"{r.File}:{r.Line}: .Values.{r.Path}")
            .ToList();
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex Reference();
}
