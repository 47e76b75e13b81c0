using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using Lamdas.Engine.Training;
using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Scoring.Passes;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Builds the method's scorer: loads the model, trains or loads the prefix, fits baseline statistics.</summary>
/// <remarks>
/// <para>
/// <paramref name="loadModel"/> lets a long-lived host share one loaded model between jobs (it then owns the
/// model); by default the factory loads the model and the caller disposes <see cref="Model"/>.
/// </para>
/// <para>
/// Every long step honours the token given to <see cref="CreateAsync"/>: reading the reference and the candidate
/// sample (per record), prefix training (per optimiser step and evaluation batch, on a thread of its own so the
/// caller's asynchronous work — lease heartbeats — keeps running) and baseline fitting (per document). A cancelled
/// training writes no prefix.
/// </para>
/// </remarks>
public sealed class ScorerFactory(IObjectStore store, JobSpec spec, Action<string>? log,
    Func<string, EngineOptions, LanguageModel>? loadModel = null, ModelPasses? passes = null)
{
    /// <summary>The passes the model scorers go through: the caller's (shared by a job's domains), or this job's own.</summary>
    public ModelPasses Passes { get; } = passes ?? new ModelPasses(null, log);

    public LanguageModel? Model { get; private set; }

    /// <summary>Told after every epoch of the prefix training (on the training thread); null: not reported.</summary>
    public Action<PrefixEpochProgress>? PrefixEpochs { get; init; }

    public PrefixMetadata? PrefixMetadata { get; private set; }

    public string? PrefixFingerprint { get; private set; }

    /// <summary>The cascade's pilot (after <see cref="CreateAsync"/> of a job with a cascade).</summary>
    public CascadePilot? Pilot { get; private set; }

    /// <summary>The model and prefix the scorer uses (after <see cref="CreateAsync"/>).</summary>
    public JobProvenance Provenance => new()
    {
        Model = Model is null ? null : spec.Model,
        ModelFingerprint = Model?.Fingerprint,
        Architecture = Model?.Config.Architecture.ToString(),
        PrefixFingerprint = PrefixFingerprint,
        PrefixUri = PrefixFingerprint is null ? null : spec.Prefix?.Path ?? StorageUri.Combine(spec.Output, "prefix"),
        PrefixMetadata = PrefixMetadata,
        Cascade = Pilot,
    };

    public async Task<IJobScorer> CreateAsync(IReadOnlyList<ShardSpec> shards, CancellationToken ct)
    {
        switch (spec.Method)
        {
            case SelectionMethod.Lamdas:
                {
                    var engine = LoadEngine();
                    var prefix = await PrefixAsync(engine, shards, ct);
                    var lamdas = new LamdasJobScorer(engine, prefix, PrefixFingerprint!, Passes);
                    if (spec.Cascade is not { } cascade)
                    {
                        return lamdas;
                    }

                    try
                    {
                        var stage1 = await FitTextScorerAsync(cascade.Method, shards, ct);
                        var tokenizer = engine.Model.Tokenizer;
                        string Stage1Text(PreparedDocument d) => FirstStageText.Of(d, tokenizer.Decode, spec.MaxTokens);
                        Pilot = await new CascadePilotRunner(store, spec, log)
                            .LoadOrRunAsync(shards, stage1, lamdas, text => engine.Tokenize(text, int.MaxValue).Length, Stage1Text, ct);
                        return new CascadeJobScorer(stage1, Pilot.Cut, lamdas, Stage1Text);
                    }
                    catch
                    {
                        lamdas.Dispose();
                        throw;
                    }
                }

            case SelectionMethod.Ppl:
                return new PerplexityJobScorer(LoadEngine(), Passes);
            case SelectionMethod.Random:
                return new TextJobScorer(new RandomScorer(spec.Seed));
            default:
                return new TextJobScorer(await FitTextScorerAsync(spec.Method, shards, ct));
        }
    }

    /// <summary>Fits dsir or tfidf on the reference and a sample of the candidates (deterministic: every worker gets the same scorer).</summary>
    public async Task<ITextScorer> FitTextScorerAsync(SelectionMethod method, IReadOnlyList<ShardSpec> shards, CancellationToken ct)
    {
        var textPreparer = new DocumentPreparer(spec.Record, new TextJobScorer(new RandomScorer(0)), spec.MaxTokens);
        var reference = await ReferenceLoader.LoadAsync(store, spec.Reference ?? spec.Prefix!.Reference!, textPreparer, null, log, ct);
        var pool = await ReferenceLoader.SampleAsync(store, shards, textPreparer, spec.BaselineSample, ct);
        log?.Invoke($"fitting {method} on {reference.Count} reference and {pool.Count} sampled candidate documents");
        return method == SelectionMethod.Dsir
            ? DsirScorer.Fit(Texts(reference, ct), Texts(pool, ct))
            : TfIdfScorer.Fit(Texts(reference, ct), Texts(pool, ct), new TfIdfOptions { SublinearTf = true });
    }

    private LogLikelihoodEngine LoadEngine()
    {
        var directory = ModelLocator.Resolve(store, spec.Model!);
        log?.Invoke($"loading model {directory}");
        var engineOptions = new EngineOptions { Device = spec.Device ?? "cpu", DType = spec.DType.Name(), Threads = spec.Threads };
        Model = loadModel is null ? LanguageModel.Load(directory, engineOptions) : loadModel(directory, engineOptions);
        return new LogLikelihoodEngine(Model, new ScoringOptions
        {
            MaxTokens = spec.MaxTokens,
            BatchTokens = spec.BatchTokens,
            WindowTokens = spec.Method == SelectionMethod.Lamdas ? spec.WindowTokens : 0,
        });
    }

    private async Task<DomainPrefix> PrefixAsync(LogLikelihoodEngine engine, IReadOnlyList<ShardSpec> shards, CancellationToken ct)
    {
        var model = engine.Model;
        if (spec.Prefix!.Path is { } path)
        {
            var local = await ModelLocator.DownloadIfRemoteAsync(store, path, ct);
            var loaded = DomainPrefix.Load(local, model);
            Record(loaded, local);
            return loaded;
        }

        var outputPrefix = StorageUri.Combine(spec.Output, "prefix");
        var cached = await store.GetAsync(StorageUri.Combine(outputPrefix, DomainPrefix.TensorFile), ct);
        if (cached is not null)
        {
            var local = await ModelLocator.DownloadIfRemoteAsync(store, outputPrefix, ct);
            var resumed = DomainPrefix.Load(local, model);
            log?.Invoke("using the prefix trained by the earlier run of this job");
            Record(resumed, local);
            return resumed;
        }

        // Reference documents are read whole (up to a bound) and cut into scoring windows by the trainer.
        var preparer = new DocumentPreparer(spec.Record, new LamdasTokenizerOnly(engine, PrefixTrainingOptions.MaxDocumentTokens), PrefixTrainingOptions.MaxDocumentTokens);
        var reference = await ReferenceLoader.LoadAsync(store, spec.Prefix.Reference!, preparer, null, log, ct);
        var defaults = new PrefixTrainingOptions();
        var options = defaults with
        {
            Length = spec.Prefix.Length,
            MaxEpochs = spec.Prefix.Epochs ?? defaults.MaxEpochs,
            LearningRate = spec.Prefix.LearningRate ?? defaults.LearningRate,
            ContrastWeight = spec.Prefix.Contrast ?? defaults.ContrastWeight,
            MaxBackgroundDocuments = spec.Prefix.Background ?? defaults.MaxBackgroundDocuments,
            Seed = spec.Seed,
            MaxTokens = spec.MaxTokens,
        };

        // The contrastive background: a sample spread over the job's own candidates, tokenized like the scored text.
        List<int[]>? background = null;
        if (options.ContrastWeight > 0)
        {
            var scoringPreparer = new DocumentPreparer(spec.Record, new LamdasTokenizerOnly(engine, spec.MaxTokens), spec.MaxTokens);
            background = (await ReferenceLoader.SampleAsync(store, shards, scoringPreparer, options.MaxBackgroundDocuments, ct))
                .Select(d => d.Ids!).ToList();
        }

        log?.Invoke($"training a {spec.Prefix.Length}-position prefix on {reference.Count} reference documents"
            + (background is null ? string.Empty : $" against {background.Count} sampled candidates"));
        var trainer = new PrefixTrainer(model, options) { Log = log, EpochDone = PrefixEpochs };
        var documents = reference.Select(d => new ReferenceDocument(d.Id, d.Ids!)).ToList();
        var referenceInfo = new ReferenceSetInfo(spec.Prefix.Reference!, reference.Count, 0, 0, reference.Sum(d => (long)d.Ids!.Length), "n/a");

        // Training is synchronous and long: it runs on a thread of its own, so the caller's asynchronous work
        // (lease heartbeats, progress) keeps its thread-pool threads; it stops within one optimiser step of a cancel.
        var result = await Task.Factory.StartNew(() => trainer.Train(documents, referenceInfo, background, ct), ct,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The job's copy carries no wall-clock facts, so a re-run writes the same bytes.
        var metadata = result.Prefix.Metadata with
        {
            WallTimeSeconds = null,
            CreatedUtc = null,
            Epochs = result.Prefix.Metadata.Epochs.Select(e => e with { Seconds = 0 }).ToList(),
        };
        var prefix = new DomainPrefix(result.Prefix.Keys, result.Prefix.Values, metadata);
        var staging = Path.Combine(Path.GetTempPath(), $"lamdas-prefix-{Guid.NewGuid():N}");
        try
        {
            prefix.Save(staging);

            // The tensor file is what a later run looks for (above), so it goes last: a run stopped between the two
            // writes leaves only prefix.json, and the next run trains again instead of loading half a prefix.
            foreach (var file in new[] { DomainPrefix.MetadataFile, DomainPrefix.TensorFile })
            {
                var local = Path.Combine(staging, file);
                await store.WriteAsync(StorageUri.Combine(outputPrefix, file), async (s, t) =>
                {
                    await using var input = File.OpenRead(local);
                    await input.CopyToAsync(s, t);
                }, ct);
            }

            Record(prefix, staging);
            return prefix;
        }
        catch
        {
            prefix.Dispose();
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The documents' texts, checking <paramref name="ct"/> before each (baseline fitting reads them once).</summary>
    private static IEnumerable<string> Texts(IEnumerable<PreparedDocument> documents, CancellationToken ct)
    {
        foreach (var document in documents)
        {
            ct.ThrowIfCancellationRequested();
            yield return document.Text;
        }
    }

    private void Record(DomainPrefix prefix, string directory)
    {
        PrefixMetadata = prefix.Metadata;
        using var stream = File.OpenRead(Path.Combine(directory, DomainPrefix.TensorFile));
        PrefixFingerprint = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>Tokenizes with the engine, up to <paramref name="maxTokens"/> (documents for prefix training).</summary>
    private sealed class LamdasTokenizerOnly(LogLikelihoodEngine engine, int maxTokens) : IJobScorer
    {
        public bool NeedsTokens => true;

        public int[]? Tokenize(string text) => engine.Tokenize(text, maxTokens);

        public Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct) => throw new NotSupportedException("tokenizer only");

        public void Dispose()
        {
        }
    }
}
