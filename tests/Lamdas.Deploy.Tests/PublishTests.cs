using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lamdas.Deploy.Tests.Checks;
using Xunit.Abstractions;

namespace Lamdas.Deploy.Tests;

/// <summary>
/// The publish that docs/building.md documents and the images run: linux-x64 natives only, libLibTorchSharp patched,
/// and the published <c>lamdas</c> initialises a model and scores with it (on Debian 12 the unpatched library does not load).
/// </summary>
[Integration]
public sealed partial class PublishTests(ITestOutputHelper output)
{
    /// <summary>Published size bound: libtorch_cpu.so alone is 440 MB; the Windows and macOS natives would add 500 MB more.</summary>
    private const long MaxPublishedBytes = 700L * 1024 * 1024;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void ThePublishedCliIsLinuxOnlyPatchedAndScores()
    {
        using var temp = new TempDirectory();
        var app = temp.FilePath("app");
        var command = DockerfilePublishChecks.Documented().ToList();
        var outputIndex = command.IndexOf("-o");
        Assert.True(outputIndex > 0 && outputIndex + 1 < command.Count, "the documented command has no -o FOLDER: " + string.Join(' ', command));
        command[outputIndex + 1] = app;

        var publish = ToolRun.Start(DotnetHost(), command.Skip(1).Append("-nologo"), PublishTimeout, Repo.Root).AssertSuccess();
        output.WriteLine($"{publish.CommandLine}: {publish.Elapsed.TotalSeconds:F0} s");

        // Only the Linux natives, flat beside the assembly; nothing for Windows or macOS.
        var files = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(app, f)).ToList();
        var foreign = files.Where(f => ForeignNative().IsMatch(f) || (f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsNativePortableExecutable(Path.Combine(app, f)))).ToList();
        Assert.True(foreign.Count == 0, "natives of other platforms published:\n" + string.Join("\n", foreign.Take(20)));
        foreach (var library in new[] { "libLibTorchSharp.so", "libtorch_cpu.so", "libtorch.so", "libc10.so", "lamdas.dll", "lamdas" })
        {
            Assert.True(File.Exists(Path.Combine(app, library)), $"{library} missing in the publish folder");
        }

        Assert.False(File.Exists(Path.Combine(app, "libtorch_python.so")), "libtorch_python.so (Python bindings) published");
        var bytes = files.Sum(f => new FileInfo(Path.Combine(app, f)).Length);
        output.WriteLine($"published: {files.Count} files, {bytes / (1024.0 * 1024.0):F0} MiB");
        Assert.True(bytes < MaxPublishedBytes, $"the publish folder holds {bytes / (1024 * 1024)} MiB, more than {MaxPublishedBytes / (1024 * 1024)} MiB");

        // The GLIBCXX_3.4.32 requirement is weak (read back by binutils where it is installed).
        if (File.Exists("/usr/bin/readelf"))
        {
            var versions = ToolRun.Start("/usr/bin/readelf", ["-V", Path.Combine(app, "libLibTorchSharp.so")], RunTimeout).AssertSuccess();
            Assert.Matches(@"Name: GLIBCXX_3\.4\.32\s+Flags: WEAK", versions.Stdout);
        }

        // The published program itself, as the images run it (/app/lamdas): a random model, then log-probabilities.
        var config = temp.Write("config.json", TinyConfig.Create().ToJsonString());
        var tokenizer = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "tokenizers", "gpt2"));
        var init = Lamdas(app, "model", "init", "--config", config, "--tokenizer", tokenizer, "--output", temp.FilePath("model"), "--seed", "5");
        Assert.True(File.Exists(temp.FilePath("model/model.safetensors")), init.Describe());

        var documents = File.ReadLines(Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "datasets", "domain-bench-dev", "code-python", "candidates.jsonl"))).Take(6).ToList();
        var ids = documents.Select(d => JsonNode.Parse(d)!["id"]!.GetValue<string>()).ToList();
        File.WriteAllLines(temp.FilePath("in.jsonl"), documents);
        var logprob = Lamdas(app, "logprob", "--model", temp.FilePath("model"), "--input", temp.FilePath("in.jsonl"), "--output", temp.FilePath("out.jsonl"), "--max-tokens", "48");
        output.WriteLine(logprob.Stderr);

        var rows = File.ReadAllLines(temp.FilePath("out.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(ids, rows.Select(r => r["id"]!.GetValue<string>()));
        foreach (var row in rows)
        {
            var tokens = row["tokens"]!.GetValue<int>();
            var total = row["logprob"]!.GetValue<double>();
            var perToken = row["logprob_per_token"]!.GetValue<double>();
            output.WriteLine($"{row["id"]}: {tokens} tokens, log p {total:F2}, per token {perToken:F4}");
            Assert.InRange(tokens, 1, 48);
            Assert.True(double.IsFinite(total) && total < 0, $"log p = {total}");
            // A randomly initialised model predicts nearly uniformly over its vocabulary: about -ln V per token.
            Assert.InRange(perToken, -Math.Log(TinyConfig.Vocab) - 0.5, -Math.Log(TinyConfig.Vocab) + 0.5);
        }
    }

    /// <summary>Runs the published apphost with the .NET runtime of the host running these tests.</summary>
    private static ToolRun Lamdas(string app, params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost()) };
        return ToolRun.Start(Path.Combine(app, "lamdas"), arguments, RunTimeout, app, environment).AssertSuccess();
    }

    /// <summary>The dotnet host (its real path, so that its folder is the .NET root): the SDK's, this process's, or PATH's.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "dotnet"));
        var host = new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), current }.Concat(onPath)
            .FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException("dotnet not found (DOTNET_HOST_PATH, this process, PATH)");
        return File.ResolveLinkTarget(host, returnFinalTarget: true)?.FullName ?? host;
    }

    /// <summary>Whether a file is a Windows PE image without a CLI header: a native DLL, not a .NET assembly.</summary>
    private static bool IsNativePortableExecutable(string path)
    {
        var header = new byte[4096];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (header[0] != 'M' || header[1] != 'Z')
        {
            return false;
        }

        var pe = BitConverter.ToInt32(header, 0x3C);
        if (pe < 0 || pe + 24 + 112 + (15 * 8) > header.Length || BitConverter.ToUInt32(header, pe) != 0x00004550)
        {
            return false;
        }

        var optional = pe + 24;
        var directories = BitConverter.ToUInt16(header, optional) == 0x20b ? optional + 112 : optional + 96;
        return BitConverter.ToUInt32(header, directories + (14 * 8)) == 0; // no CLI (COR20) header
    }

    [GeneratedRegex(@"(^|/)runtimes/(win|osx)|\.dylib$", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignNative();
}
