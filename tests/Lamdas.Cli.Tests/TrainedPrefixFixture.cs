namespace Lamdas.Cli.Tests;

/// <summary>
/// Two tiny checkpoints of the same shape made by <c>model init</c> (seeds 1 and 2), a reference set of real
/// Python files (the first documents of the shared domain-bench-dev code-python reference set, copied at run
/// time), and one <c>prefix train</c> run on model A. A failed training run is kept (not thrown) so that each
/// test reports it with the program's output.
/// </summary>
public sealed class TrainedPrefixFixture : IDisposable
{
    public const int ReferenceDocuments = 10;
    public const int Seed = 7;

    private readonly TempDirectory _root = new();

    public TrainedPrefixFixture()
    {
        var config = TinyConfig.Write(_root.FilePath("tiny-config.json"));
        ModelA = Init(config, "model-a", "1");
        ModelB = Init(config, "model-b", "2");
        Reference = _root.FilePath("reference.jsonl");
        File.WriteAllLines(Reference, File.ReadLines(TestPaths.CodePythonReference).Take(ReferenceDocuments));
        PrefixDirectory = _root.FilePath("prefix-a");
        Training = Train(PrefixDirectory);
    }

    public string ModelA { get; }

    public string ModelB { get; }

    public string Reference { get; }

    public string PrefixDirectory { get; }

    /// <summary>The <c>prefix train</c> run that wrote <see cref="PrefixDirectory"/>.</summary>
    internal CliResult Training { get; }

    /// <summary>Trains a prefix on model A into <paramref name="output"/> with the settings of the shared run.</summary>
    internal CliResult Train(string output) => CliRunner.Run(TimeSpan.FromSeconds(300), "prefix", "train", "--model", ModelA,
        "--reference", Reference, "--output", output, "--length", "4", "--epochs", "3", "--max-tokens", "64", "--validation-fraction", "0.25",
        "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1");

    /// <summary>Fails the calling test, with the program's output, unless the shared training run succeeded.</summary>
    internal string RequireTrainedPrefix()
    {
        Training.AssertSuccess();
        return PrefixDirectory;
    }

    public void Dispose() => _root.Dispose();

    private string Init(string config, string name, string seed)
    {
        var output = _root.FilePath(name);
        var init = CliRunner.Run("model", "init", "--config", config, "--tokenizer", TestPaths.Gpt2Tokenizer, "--output", output, "--seed", seed);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"model init failed for {name}\n" + init.Describe());
        }

        return output;
    }
}
