using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests.Checks;

public static partial class Yaml
{
    /// <summary>Every non-empty document of a multi-document YAML text (such as <c>helm template</c> output), in order.</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).Where(n => n is not YamlScalarNode { Value: null or "" }).ToList();
    }
}
