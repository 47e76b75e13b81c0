using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Engine.Model;
using Lamdas.Engine.Modules;
using Lamdas.Engine.Scoring;
using Lamdas.SafeTensors;
using Lamdas.Tokenization;
using static TorchSharp.torch;

namespace Lamdas.Engine.Training;

/// <summary>
/// Trains every weight of a Qwen2-architecture model from scratch: AdamW, linear warm-up then cosine decay,
/// periodic checkpoints (weights, optimizer state, step) that a re-run resumes from, held-out loss.
/// </summary>
public sealed class Pretrainer(PretrainOptions options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Action<string>? Log { get; init; }

    /// <summary>Opens the corpus (<see cref="PretrainOptions.Corpus"/>) decompressed; the stream is disposed after reading.</summary>
    public required Func<string, Stream> OpenCorpus { get; init; }

    public PretrainResult Run(string commandLine, CancellationToken cancellation = default)
    {
        options.Validate();
        var tokenizer = TokenizerLoader.Load(options.TokenizerDirectory);
        var configJson = ModelPresets.Resolve(options.ConfigPath, tokenizer);
        var config = ModelConfig.Parse(configJson, options.ConfigPath);
        var corpusHash = Sha256File(options.Corpus);

        Log?.Invoke($"reading {options.Corpus}");
        List<CorpusDocument> documents;
        int skipped;
        using (var corpus = OpenCorpus(options.Corpus))
        {
            (documents, skipped) = CorpusReader.Read(corpus);
        }
        var isValidation = documents.Select(d => IsHeldOut(d.Id)).ToArray();
        var ids = new int[documents.Count][];
        Parallel.For(0, documents.Count, i =>
        {
            var encoded = tokenizer.Encode(documents[i].Text);
            ids[i] = encoded.Take(options.MaxTokens).ToArray();
        });
        var trainingIndices = Enumerable.Range(0, ids.Length).Where(i => !isValidation[i] && ids[i].Length > 0).ToList();
        var training = trainingIndices.Select(i => ids[i]).ToList();
        var validation = Enumerable.Range(0, ids.Length).Where(i => isValidation[i] && ids[i].Length > 0).Select(i => ids[i]).ToList();
        Log?.Invoke($"{documents.Count} documents ({skipped} unusable lines skipped): {training.Count} training " +
            $"({training.Sum(d => (long)d.Length)} tokens), {validation.Count} held out");

        manual_seed(options.Seed);
        using var network = new CausalLm(config);
        CheckpointFiles.InitialiseWeights(network);
        var checkpointDir = Path.Combine(options.Output, "checkpoint");
        using var optimizer = optim.AdamW(network.parameters(), lr: options.LearningRate, beta1: 0.9, beta2: 0.95,
            weight_decay: options.WeightDecay);
        var state = TryResume(network, optimizer, checkpointDir);
        using var lm = LanguageModel.ForTraining(options.Output, config, tokenizer, network, options.Threads);
        var engine = new LogLikelihoodEngine(lm, new ScoringOptions { MaxTokens = options.MaxTokens, BatchTokens = options.BatchTokens });
        var clock = Stopwatch.StartNew();
        var priorSeconds = state.Seconds;

        var batches = new PretrainBatchStream(training, trainingIndices.Select(i => documents[i].Domain).ToList(), options.BatchTokens,
            options.Seed, options.DomainTemperature);
        if (batches.Balanced)
        {
            Log?.Invoke($"domain temperature {options.DomainTemperature}: " + string.Join(", ", batches.Domains.Zip(batches.Shares,
                (d, s) => FormattableString.Invariant($"{(d.Length == 0 ? "(none)" : d)} {s:P1}"))));
        }

        batches.Skip(state.Step);
        while (state.Step < options.Steps && !cancellation.IsCancellationRequested)
        {
            var (docs, batch) = batches.Next();
            var lr = LearningRate(state.Step);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var lengths = docs.Select(d => d.Length).ToArray();
                engine.RunBatch(docs, lengths, batch, null, null, trackGradients: true, out var tokenLogProbs, cancellationToken: cancellation);
                var tokens = tokenLogProbs!.shape[0];
                var loss = -tokenLogProbs.sum() / tokens;
                loss.backward();
                nn.utils.clip_grad_norm_(network.parameters(), 1.0);
                optimizer.step();
                state.Step++;
                state.TokensSeen += tokens;
                state.LastLoss = loss.item<float>();
            }

            if (state.Step % 10 == 0 || state.Step == 1)
            {
                var seconds = priorSeconds + clock.Elapsed.TotalSeconds;
                Log?.Invoke($"step {state.Step}/{options.Steps}  loss {state.LastLoss:F3}  lr {lr:E2}  " +
                    $"tokens {state.TokensSeen}  {state.TokensSeen / Math.Max(1, seconds):F0} tok/s  {seconds / 60:F1} min");
            }

            if (state.Step % options.EvaluateEvery == 0 || state.Step == options.Steps)
            {
                var nll = ValidationNll(engine, validation);
                state.History.Add(new PretrainEvaluation(state.Step, state.TokensSeen, state.LastLoss, nll));
                Log?.Invoke($"step {state.Step}: held-out loss {nll:F4} nats/token");
            }

            if (state.Step % options.CheckpointEvery == 0 || state.Step == options.Steps)
            {
                state.Seconds = priorSeconds + clock.Elapsed.TotalSeconds;
                SaveCheckpoint(network, optimizer, checkpointDir, state);
            }
        }

        state.Seconds = priorSeconds + clock.Elapsed.TotalSeconds;
        if (state.Step < options.Steps)
        {
            SaveCheckpoint(network, optimizer, checkpointDir, state);
            Log?.Invoke($"stopped at step {state.Step}; re-run the same command to resume");
            return new PretrainResult(false, state.Step, state.TokensSeen, null, state.Seconds);
        }

        var finalNll = state.History.Count > 0 && state.History[^1].Step == state.Step ? state.History[^1].HeldOutLoss : ValidationNll(engine, validation);
        WriteModel(network, configJson);
        var info = new PretrainSummary(commandLine, Path.GetFileName(options.Corpus), corpusHash, documents.Count, skipped,
            training.Count, validation.Count, state.Step, state.TokensSeen, finalNll, state.Seconds, options, state.History);
        File.WriteAllText(Path.Combine(options.Output, "training_log.json"), JsonSerializer.Serialize(info, Indented) + "\n");
        Log?.Invoke($"done: {state.Step} steps, {state.TokensSeen} tokens, held-out loss {finalNll:F4}, {state.Seconds / 60:F1} min");
        return new PretrainResult(true, state.Step, state.TokensSeen, finalNll, state.Seconds) { Summary = info };
    }

    internal double LearningRate(int step)
    {
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }

        var progress = (step - options.WarmupSteps) / (double)Math.Max(1, options.Steps - options.WarmupSteps);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
        return options.LearningRate * (options.MinLearningRateRatio + ((1 - options.MinLearningRateRatio) * cosine));
    }

    private bool IsHeldOut(string id)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Seed}:{id}"));
        var hash = BitConverter.ToUInt64(digest, 0);
        return hash % 10000 < (ulong)(options.ValidationFraction * 10000);
    }

    private static double ValidationNll(LogLikelihoodEngine engine, List<int[]> validation)
    {
        var results = engine.LogProbs(validation, null);
        var tokens = results.Sum(r => (long)r.Tokens);
        return tokens == 0 ? double.NaN : -results.Sum(r => r.LogProb) / tokens;
    }

    private PretrainState TryResume(CausalLm network, optim.Optimizer optimizer, string checkpointDir)
    {
        var statePath = Path.Combine(checkpointDir, "state.json");
        if (!File.Exists(statePath))
        {
            return new PretrainState();
        }

        var state = JsonSerializer.Deserialize<PretrainState>(File.ReadAllText(statePath))
            ?? throw new EngineException($"{statePath}: unreadable checkpoint state");
        using (var checkpoint = SafeTensorCheckpoint.Open(checkpointDir))
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                checkpoint.ReadAsFloat32(name, parameter.shape, MemoryMarshal.Cast<byte, float>(parameter.bytes));
            }
        }

        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(Path.Combine(checkpointDir, "optimizer.bin"));
        Log?.Invoke($"resuming from step {state.Step} ({state.TokensSeen} tokens seen)");
        return state;
    }

    private static void SaveCheckpoint(CausalLm network, optim.Optimizer optimizer, string checkpointDir, PretrainState state)
    {
        var staging = checkpointDir + ".writing";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        SafeTensorWriter.Write(Path.Combine(staging, CheckpointFileNames.SingleFile), CheckpointFiles.Entries(network, SafeTensorDType.F32));
        ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(Path.Combine(staging, "optimizer.bin"));
        File.WriteAllText(Path.Combine(staging, "state.json"), JsonSerializer.Serialize(state, Indented));
        var previous = checkpointDir + ".previous";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(checkpointDir))
        {
            Directory.Move(checkpointDir, previous);
        }

        Directory.Move(staging, checkpointDir);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    private void WriteModel(CausalLm network, JsonObject configJson)
    {
        configJson["torch_dtype"] = CheckpointFiles.TorchDTypeName(options.WeightsDType);
        SafeTensorWriter.Write(Path.Combine(options.Output, CheckpointFileNames.SingleFile), CheckpointFiles.Entries(network, options.WeightsDType),
            new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(options.Output, "config.json"), configJson.ToJsonString(Indented) + "\n");
        CheckpointFiles.CopyTokenizer(options.TokenizerDirectory, options.Output);
    }

    private static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
