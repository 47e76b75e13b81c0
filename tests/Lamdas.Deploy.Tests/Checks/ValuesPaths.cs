using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>The dotted paths of every mapping key in a values file (not descending into lists).</summary>
public static class ValuesPaths
{
    public static IReadOnlySet<string> Of(string valuesYaml)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(Yaml.Load(valuesYaml), "", paths);
        return paths;
    }

    private static void Collect(YamlNode node, string prefix, HashSet<string> paths)
    {
        if (node is not YamlMappingNode map)
        {
            return;
        }

        foreach (var (key, value) in map.Children)
        {
            var path = prefix + ((YamlScalarNode)key).Value;
            paths.Add(path);
            Collect(value, path + ".", paths);
        }
    }
}
