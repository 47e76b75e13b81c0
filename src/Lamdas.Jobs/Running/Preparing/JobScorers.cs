using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Scoring.Passes;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// A job's scorers: one per domain (<see cref="JobSpec.PerDomain"/>), built by a <see cref="ScorerFactory"/> each,
/// sharing one loaded model and one <see cref="ModelPasses"/> — which reads and writes the job's score store, if it
/// has one.
/// </summary>
public sealed class JobScorers : IDisposable
{
    private readonly LanguageModel? _ownedModel;

    private JobScorers(IReadOnlyList<(JobSpec Spec, IJobScorer Scorer)> domains, IReadOnlyList<JobProvenance> provenances,
        ModelPasses passes, LanguageModel? ownedModel)
    {
        Domains = domains;
        Provenances = provenances;
        Passes = passes;
        _ownedModel = ownedModel;
    }

    /// <summary>Each domain's single-domain spec and scorer, in the order of the spec.</summary>
    public IReadOnlyList<(JobSpec Spec, IJobScorer Scorer)> Domains { get; }

    /// <summary>Each domain's provenance, in the order of the spec.</summary>
    public IReadOnlyList<JobProvenance> Provenances { get; }

    /// <summary>The job's provenance: its one domain's, or the first domain's with every domain's in <see cref="JobProvenance.Domains"/>.</summary>
    public JobProvenance Provenance => Provenances.Count == 1 ? Provenances[0] : Provenances[0] with { Domains = Provenances };

    public ModelPasses Passes { get; }

    /// <summary>
    /// Builds the scorers (training or loading each domain's prefix, fitting each cascade). <paramref name="hostStore"/>
    /// is the host's score store, used unless the spec names its own or says <c>cache: false</c>; <paramref name="loadModel"/>
    /// lets a long-lived host share its loaded models (it then owns them), otherwise the model is loaded once and disposed
    /// with this object. <paramref name="prefixProgress"/> is told after every epoch of each domain's prefix training.
    /// </summary>
    public static async Task<JobScorers> CreateAsync(IObjectStore store, JobSpec spec, IReadOnlyList<ShardSpec> shards, ScoreStore? hostStore,
        Action<string>? log, Func<string, EngineOptions, LanguageModel>? loadModel, CancellationToken ct,
        Action<PrefixTrainingProgress>? prefixProgress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var passes = new ModelPasses(StoreFor(store, spec, hostStore), log);
        LanguageModel? owned = null;
        var loader = loadModel ?? ((directory, options) => owned ??= LanguageModel.Load(directory, options));
        var domains = new List<(JobSpec, IJobScorer)>();
        var provenances = new List<JobProvenance>();
        try
        {
            var perDomain = spec.PerDomain();
            foreach (var (domain, index) in perDomain.Select((d, i) => (d, i)))
            {
                if (spec.Domains is not null)
                {
                    log?.Invoke($"domain {domain.Output}: preparing its scorer");
                }

                var factory = new ScorerFactory(store, domain, log, loader, passes)
                {
                    PrefixEpochs = prefixProgress is null ? null : e => prefixProgress(PrefixTrainingProgress.From(e, index + 1, perDomain.Count)),
                };
                domains.Add((domain, await factory.CreateAsync(shards, ct).ConfigureAwait(false)));
                provenances.Add(factory.Provenance);
            }
        }
        catch
        {
            foreach (var (_, scorer) in domains)
            {
                scorer.Dispose();
            }

            owned?.Dispose();
            throw;
        }

        return new JobScorers(domains, provenances, passes, owned);
    }

    /// <summary>The store a job keeps its passes in: its own (<c>cache:</c>), none (<c>cache: false</c>), or its host's.</summary>
    public static ScoreStore? StoreFor(IObjectStore store, JobSpec spec, ScoreStore? hostStore)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Cache switch
        {
            { Enabled: false } => null,
            { Path: { } path } => new ScoreStore(store, path),
            _ => hostStore,
        };
    }

    public void Dispose()
    {
        foreach (var (_, scorer) in Domains)
        {
            scorer.Dispose();
        }

        _ownedModel?.Dispose();
    }
}
