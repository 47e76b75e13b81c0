using System.Text.RegularExpressions;
using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>deploy/docker/Dockerfile (CPU) and Dockerfile.cuda against the repository.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new() { "Dockerfile", "Dockerfile.cuda" };

    private static Dockerfile Load(string name) => Dockerfile.Parse(File.ReadAllText(Repo.PathOf("deploy", "docker", name)));

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void EveryCopiedAndReferencedFileExists(string name)
    {
        var file = Load(name);

        Assert.Empty(DockerfileChecks.MissingCopySources(file, Repo.Root));
        Assert.Empty(DockerfileChecks.MissingRunFiles(file, Repo.Root));
        Assert.Contains(file.Instructions, i => i.Keyword == "RUN" && i.Raw.Contains("dotnet publish src/Lamdas.Cli/Lamdas.Cli.csproj", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void TheImageCarriesTheDocumentedLinuxPublish(string name)
    {
        var documented = DockerfilePublishChecks.Documented();

        Assert.Equal(["dotnet", "publish", "src/Lamdas.Cli"], documented.Take(3));
        Assert.Contains("linux-x64", documented);
        Assert.Empty(DockerfilePublishChecks.Publish(Load(name), documented));
    }

    [Fact]
    public void APublishThatDriftsFromTheDocumentedOneIsReported()
    {
        var text = File.ReadAllText(Repo.PathOf("deploy", "docker", "Dockerfile"));
        var documented = DockerfilePublishChecks.Documented();
        Assert.Contains(" -r linux-x64 --self-contained false ", text, StringComparison.Ordinal);

        var portable = Dockerfile.Parse(text.Replace(" -r linux-x64 --self-contained false ", " ", StringComparison.Ordinal));
        var publishLine = portable.Instructions.Single(i => i.Raw.StartsWith("dotnet publish", StringComparison.Ordinal)).Line;
        Assert.Equal(
            [$"line {publishLine}: dotnet publish lacks -r linux-x64 (docs/building.md)", $"line {publishLine}: dotnet publish lacks --self-contained false (docs/building.md)"],
            DockerfilePublishChecks.Publish(portable, documented));

        var unrestored = Dockerfile.Parse(text.Replace("dotnet restore src/Lamdas.Cli/Lamdas.Cli.csproj -r linux-x64", "dotnet restore src/Lamdas.Cli/Lamdas.Cli.csproj", StringComparison.Ordinal));
        Assert.Equal(["dotnet restore is not for -r linux-x64, which dotnet publish --no-restore needs"], DockerfilePublishChecks.Publish(unrestored, documented));

        var built = Dockerfile.Parse(text.Replace("dotnet publish src/Lamdas.Cli/Lamdas.Cli.csproj", "dotnet build src/Lamdas.Cli/Lamdas.Cli.csproj", StringComparison.Ordinal));
        Assert.Equal(["0 RUN dotnet publish, expected one"], DockerfilePublishChecks.Publish(built, documented));

        var elsewhere = Dockerfile.Parse(text.Replace("-p:TorchBackend=cpu -o /app", "-p:TorchBackend=cpu -o /out", StringComparison.Ordinal));
        Assert.Equal([$"line {publishLine}: dotnet publish does not write /app (-o /app)"], DockerfilePublishChecks.Publish(elsewhere, documented));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RestoreLayerComesFirstWithEveryProjectOfTheCli(string name)
    {
        var closure = DockerfileChecks.ProjectClosure(Repo.Root, "src/Lamdas.Cli/Lamdas.Cli.csproj");

        Assert.Contains("src/Lamdas.Api/Lamdas.Api.csproj", closure);
        Assert.Contains("src/Lamdas.Cluster.Abstractions/Lamdas.Cluster.Abstractions.csproj", closure);
        Assert.Empty(DockerfileChecks.RestoreLayer(Load(name), Repo.Root));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RuntimeStageSetsTheAllocatorSettingsThatTheScriptsSource(string name)
    {
        var script = File.ReadAllText(Repo.PathOf("build", "allocator.sh"));
        var settings = Regex.Matches(script, @"^export (\w+)=""\$\{\1:-([^}]+)\}""$", RegexOptions.Multiline)
            .Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}")
            .ToList();
        Assert.Equal(3, settings.Count);

        var env = Load(name).FinalStage.Where(i => i.Keyword == "ENV").SelectMany(i => i.Arguments).ToHashSet();
        Assert.All(settings, setting => Assert.Contains(setting, env));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RuntimeStageServesAsNonRootWithAHealthCheck(string name)
    {
        Assert.Empty(DockerfileChecks.RuntimeStage(Load(name)));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void DockerIgnoreKeepsBuildOutputOutAndSourcesIn(string name)
    {
        var ignore = DockerIgnore.Parse(File.ReadAllText(Repo.PathOf("deploy", "docker", name + ".dockerignore")));

        Assert.True(ignore.Excludes("src/Lamdas.Cli/obj/project.assets.json"));
        Assert.True(ignore.Excludes("src/Lamdas.Cli/bin"));
        Assert.True(ignore.Excludes("models/lamdas-tiny/checkpoint/step.safetensors"));
        var sources = Load(name).Instructions.Where(i => i.Keyword == "COPY" && i.Flags.Count == 0).SelectMany(i => i.Arguments.SkipLast(1));
        Assert.DoesNotContain(sources, ignore.Excludes);
    }

    [Fact]
    public void CpuImageBuildsTheCpuBackendOnTheAspNetRuntime()
    {
        var file = Load("Dockerfile");

        Assert.All(file.Instructions.Where(i => i.Keyword == "RUN" && i.Raw.Contains("dotnet ", StringComparison.Ordinal)),
            i => Assert.DoesNotContain("TorchBackend=cuda", i.Raw));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", file.FinalStage[0].Arguments[0]);
    }

    [Fact]
    public void CudaImageBuildsTheCudaBackendOnACudaRuntime()
    {
        var file = Load("Dockerfile.cuda");

        Assert.Contains(file.Instructions, i => i.Keyword == "RUN" && i.Raw.Contains("dotnet restore", StringComparison.Ordinal) && i.Raw.Contains("-p:TorchBackend=cuda", StringComparison.Ordinal));
        Assert.Contains(file.Instructions, i => i.Keyword == "RUN" && i.Raw.Contains("dotnet publish", StringComparison.Ordinal) && i.Raw.Contains("-p:TorchBackend=cuda", StringComparison.Ordinal));
        Assert.Matches(@"^nvidia/cuda:12\.\d+(\.\d+)?-cudnn-runtime-ubuntu2[24]\.04$", file.FinalStage[0].Arguments[0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", file.Instructions[0].Arguments[0]);
        Assert.Contains(file.FinalStage, i => i.Keyword == "COPY" && i.Flags.Contains("--from=dotnet") && i.Arguments[0] == "/usr/share/dotnet");
    }

    [Fact]
    public void ABrokenDockerfileIsReported()
    {
        var text = File.ReadAllText(Repo.PathOf("deploy", "docker", "Dockerfile"))
            .Replace("COPY src/Lamdas.Api/Lamdas.Api.csproj src/Lamdas.Api/\n", "", StringComparison.Ordinal)
            .Replace("COPY build/ build/", "COPY build/ build/\nCOPY tools/missing.props ./", StringComparison.Ordinal)
            .Replace("USER 10001:10001\n", "", StringComparison.Ordinal)
            .Replace("CMD [\"serve\"]", "CMD [\"--help\"]", StringComparison.Ordinal);
        using var temp = new TempDirectory();
        var file = Dockerfile.Parse(File.ReadAllText(temp.Write("Dockerfile", text)));

        var copyLine = file.Instructions.Single(i => i.Raw.StartsWith("tools/missing.props", StringComparison.Ordinal)).Line;
        Assert.Equal([$"line {copyLine}: COPY source tools/missing.props does not exist"], DockerfileChecks.MissingCopySources(file, Repo.Root));
        var restoreLine = file.Instructions.Single(i => i.Raw.StartsWith("dotnet restore", StringComparison.Ordinal)).Line;
        Assert.Equal([$"src/Lamdas.Api/Lamdas.Api.csproj is not copied before line {restoreLine} (dotnet restore)"], DockerfileChecks.RestoreLayer(file, Repo.Root));
        Assert.Equal(["the runtime stage runs as root (no USER)", "CMD is not [\"serve\"]"], DockerfileChecks.RuntimeStage(file));
    }

    [Fact]
    public void SourcesCopiedBeforeTheRestoreAreReported()
    {
        var file = Dockerfile.Parse("""
            FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
            COPY . .
            RUN dotnet restore src/Lamdas.Cli/Lamdas.Cli.csproj
            """);

        var problems = DockerfileChecks.RestoreLayer(file, Repo.Root).ToList();

        Assert.Contains("src/Lamdas.Cli/Lamdas.Cli.csproj is not copied before line 3 (dotnet restore)", problems);
        Assert.Contains("./ is copied before the restore, so every source change invalidates the package layer", problems);
    }
}
