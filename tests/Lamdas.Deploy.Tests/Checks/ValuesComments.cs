using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>
/// helm-docs documentation of a values file: every key of a block mapping needs a <c># --</c> comment in the comment
/// lines directly above it (keys inside flow mappings such as <c>{a: 1}</c> are documented by their parent's comment).
/// </summary>
public static class ValuesComments
{
    /// <summary>The dotted paths (list items as [i]) of the keys without a <c># --</c> comment, with their line.</summary>
    public static IReadOnlyList<string> Undocumented(string valuesYaml)
    {
        var lines = valuesYaml.Replace("\r\n", "\n").Split('\n');
        var problems = new List<string>();
        Walk(Yaml.Load(valuesYaml), "", lines, problems);
        return problems;
    }

    private static void Walk(YamlNode node, string prefix, string[] lines, List<string> problems)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var path = prefix.Length == 0 ? ((YamlScalarNode)key).Value! : $"{prefix}.{((YamlScalarNode)key).Value}";
                    if (map.Style != MappingStyle.Flow && !HasDocComment(lines, (int)key.Start.Line - 1))
                    {
                        problems.Add($"{path} (line {key.Start.Line})");
                    }

                    Walk(value, path, lines, problems);
                }

                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    Walk(seq.Children[i], $"{prefix}[{i}]", lines, problems);
                }

                break;
        }
    }

    private static bool HasDocComment(string[] lines, int keyLineIndex)
    {
        for (var i = keyLineIndex - 1; i >= 0; i--)
        {
            var trimmed = lines[i].Trim();
            if (!trimmed.StartsWith('#'))
            {
                return false;
            }

            if (trimmed.StartsWith("# --", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
