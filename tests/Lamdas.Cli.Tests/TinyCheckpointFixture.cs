namespace Lamdas.Cli.Tests;

/// <summary>
/// A tiny Qwen2 checkpoint made with <c>lamdas model init</c> (config from <see cref="TinyConfig"/>, GPT-2
/// tokenizer, seed 1) and a hand-written random prefix for it (P = 3), shared by the tests of one class.
/// </summary>
public sealed class TinyCheckpointFixture : IDisposable
{
    public const int HandPrefixLength = 3;

    private readonly TempDirectory _root = new();

    public TinyCheckpointFixture()
    {
        ConfigPath = TinyConfig.Write(_root.FilePath("tiny-config.json"));
        Model = _root.FilePath("tiny-seed1");
        var init = CliRunner.Run("model", "init", "--config", ConfigPath, "--tokenizer", TestPaths.Gpt2Tokenizer,
            "--output", Model, "--seed", "1");
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException("model init failed for the shared tiny checkpoint\n" + init.Describe());
        }

        HandPrefix = HandWrittenPrefix.Write(_root.FilePath("hand-prefix"), TinyConfig.Layers, TinyConfig.KvHeads,
            HandPrefixLength, TinyConfig.HeadDim, seed: 5);
    }

    public string ConfigPath { get; }

    /// <summary>The model directory (config.json, model.safetensors, vocab.json, merges.txt).</summary>
    public string Model { get; }

    /// <summary>A prefix directory that fits <see cref="Model"/> (no fingerprint in prefix.json).</summary>
    public string HandPrefix { get; }

    /// <summary>A copy of the model directory with config.json edited, for configuration error tests.</summary>
    internal string CopyModelWithConfig(TempDirectory into, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var directory = into.Subdirectory("edited-model");
        foreach (var file in Directory.GetFiles(Model))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        TinyConfig.Write(Path.Combine(directory, "config.json"), edit);
        return directory;
    }

    public void Dispose() => _root.Dispose();
}
