using Newtonsoft.Json.Linq;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>
/// Kubernetes objects checked against the API's schemas from npm kubernetes-models, by
/// tests/tools/validate-kubernetes-objects.js under node: types, enums, required fields and, strictly, fields the API
/// does not have. Custom resources (kinds the package has no model for) get only apiVersion, kind and metadata.name
/// checked; <see cref="ObjectResult.Status"/> is then <c>unknown-kind</c>.
/// </summary>
public static class KubernetesSchemas
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public sealed record ObjectResult(int Index, string? ApiVersion, string? Kind, string? Name, string Status, IReadOnlyList<string> Errors)
    {
        public override string ToString() => $"{Kind} {Name} ({ApiVersion}): {Status}" + (Errors.Count == 0 ? "" : "\n  " + string.Join("\n  ", Errors));
    }

    /// <summary>The result of every object of a multi-document YAML file, in file order.</summary>
    public static IReadOnlyList<ObjectResult> Validate(string yamlFile)
    {
        var tools = Repo.PathOf("tests", "tools");
        var models = Path.Combine(tools, "node_modules", "kubernetes-models");
        if (!Directory.Exists(models))
        {
            throw new InvalidOperationException($"kubernetes-models is not installed: {models} is missing. Run ./test.sh, or `npm ci` in tests/tools.");
        }

        var run = ToolRun.Start("node", [Path.Combine(tools, "validate-kubernetes-objects.js"), yamlFile], Timeout, tools).AssertSuccess();
        return JArray.Parse(run.Stdout).Select(o => new ObjectResult(
            (int)o["index"]!,
            (string?)o["apiVersion"],
            (string?)o["kind"],
            (string?)o["name"],
            (string)o["status"]!,
            o["errors"]!.Select(e => (string)e!).ToList())).ToList();
    }
}
