namespace Lamdas.Engine.Training;

/// <summary>Settings of <c>pretrain</c>: a Qwen2-architecture model trained from scratch on a text corpus.</summary>
public sealed record PretrainOptions
{
    public required string Corpus { get; init; }

    public required string ConfigPath { get; init; }

    public required string TokenizerDirectory { get; init; }

    public required string Output { get; init; }

    /// <summary>Optimizer steps (the cosine schedule spans them).</summary>
    public int Steps { get; init; } = 2000;

    public int BatchTokens { get; init; } = 4096;

    /// <summary>Documents are truncated to this many tokens.</summary>
    public int MaxTokens { get; init; } = 384;

    public double LearningRate { get; init; } = 2e-3;

    public double MinLearningRateRatio { get; init; } = 0.1;

    public int WarmupSteps { get; init; } = 100;

    public double WeightDecay { get; init; } = 0.1;

    public long Seed { get; init; }

    public int CheckpointEvery { get; init; } = 100;

    public int EvaluateEvery { get; init; } = 250;

    /// <summary>Share of documents held out (chosen by a hash of the id) for the validation loss.</summary>
    public double ValidationFraction { get; init; } = 0.01;

    /// <summary>Stored weight dtype of the final model: F32, BF16 or F16.</summary>
    public SafeTensors.SafeTensorDType WeightsDType { get; init; } = SafeTensors.SafeTensorDType.BF16;

    /// <summary>
    /// Domain sampling temperature T over the corpus's <c>domain</c> field: 1 (the default) samples documents in
    /// proportion, T &gt; 1 draws domain d with probability ∝ n_d^(1/T), so small domains are seen more often.
    /// </summary>
    public double DomainTemperature { get; init; } = 1;

    /// <summary>libtorch CPU threads; 0 keeps libtorch's default (all cores).</summary>
    public int Threads { get; init; }

    public void Validate()
    {
        var problems = new List<string>();
        if (Steps <= 0 || BatchTokens <= 0 || MaxTokens <= 1 || CheckpointEvery <= 0 || EvaluateEvery <= 0)
        {
            problems.Add("--steps, --batch-tokens, --checkpoint-every and --eval-every must be positive and --max-tokens > 1");
        }

        if (!(LearningRate > 0) || MinLearningRateRatio is < 0 or > 1 || WarmupSteps < 0)
        {
            problems.Add("--lr must be positive, --min-lr-ratio in [0, 1], --warmup ≥ 0");
        }

        if (ValidationFraction is <= 0 or >= 0.5)
        {
            problems.Add("--validation-fraction must be in (0, 0.5)");
        }

        if (Threads < 0)
        {
            problems.Add($"--threads must be ≥ 0 (got {Threads})");
        }

        if (!(DomainTemperature >= 1) || double.IsInfinity(DomainTemperature))
        {
            problems.Add($"--domain-temperature must be ≥ 1 (got {DomainTemperature})");
        }

        if (!File.Exists(Corpus))
        {
            problems.Add($"--corpus {Corpus}: no such file");
        }

        if (problems.Count > 0)
        {
            throw new EngineException(string.Join("; ", problems));
        }
    }
}
