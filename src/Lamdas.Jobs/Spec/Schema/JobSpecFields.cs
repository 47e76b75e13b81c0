using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec.Schema;

/// <summary>
/// Every field of a job specification: its name, type, allowed words, range, default and meaning. It is the one source
/// of both <see cref="JobSpecParser"/>'s checks (known fields, bounds, words) and the published JSON Schema
/// (<see cref="JobSpecSchema"/>, docs/job-spec.schema.json). Rules that tie fields together (for example
/// <c>selection.tau</c> only with method lamdas) are the parser's; the schema states them in the descriptions.
/// </summary>
public static class JobSpecFields
{
    /// <summary>A job name: 1-128 letters, digits, '-', '_' or '.'.</summary>
    public const string NamePattern = "^[A-Za-z0-9._-]{1,128}$";

    /// <summary>A domain name (its output folder): 1-64 letters, digits, '-', '_' or '.', not starting with '_' or '.'.</summary>
    public const string DomainNamePattern = "^[A-Za-z0-9-][A-Za-z0-9._-]{0,63}$";

    /// <summary>cpu, cuda or cuda:N, N written plainly (no sign, no leading zero); N is bounded by <see cref="SpecLimits.MaxCudaDevice"/>.</summary>
    public const string DevicePattern = "^(cpu|cuda|cuda:(0|[1-9][0-9]{0,3}))$";

    /// <summary>The scoring methods, in the order of <see cref="SelectionMethod"/>.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["lamdas", "ppl", "dsir", "tfidf", "random"];

    /// <summary>Formats of <c>selected/</c>: <c>same</c> keeps the input's.</summary>
    public static IReadOnlyList<string> OutputFormats { get; } = [SpecDefaults.OutputFormat, "jsonl", "jsonl.gz", "jsonl.zst", "parquet"];

    public static IReadOnlyList<string> SelectionModes { get; } = [SpecDefaults.SelectionMode, "top-fraction"];

    public static IReadOnlyList<string> RecordScores { get; } = [SpecDefaults.RecordScore, "response"];

    /// <summary>First stages of a cascade.</summary>
    public static IReadOnlyList<string> CascadeMethods { get; } = [SpecDefaults.CascadeMethod, "tfidf"];

    /// <summary>Words that switch a feature on (<c>cascade: on</c>).</summary>
    public static IReadOnlyList<string> SwitchOn { get; } = ["on", "true", "yes"];

    /// <summary>Words that switch a feature off (<c>cascade: off</c>, <c>cache: none</c>).</summary>
    public static IReadOnlyList<string> SwitchOff { get; } = ["off", "false", "no", "none"];

    private static SpecStringValue Text { get; } = new();

    private static SpecStringValue Uri { get; } = new() { Description = "a local path, file:// URI, az://container/path or https://…blob… URL" };

    // prefix: (and each domain of domains:)
    public static SpecField PrefixReference { get; } = new("reference", Uri,
        "Reference set to train the prefix on: JSONL, JSONL.gz, JSONL.zst or Parquet files, a glob or a folder. Give reference or path.");

    public static SpecField PrefixPath { get; } = new("path", Uri, "Folder of an existing trained prefix. Give reference or path.");

    public static SpecField PrefixLength { get; } = new("length", Int(_ => 1, l => l.MaxPrefixLength), "Prefix positions P.")
    {
        Default = SpecDefaults.PrefixLength,
    };

    public static SpecField PrefixEpochs { get; } = new("epochs", Int(_ => 1, l => l.MaxEpochs),
        "Most training epochs (fewer for a small set, chosen by cross-validation).");

    public static SpecField PrefixLearningRate { get; } = new("lr", Number(_ => 0, true, l => l.MaxLearningRate, false),
        "Learning rate of prefix training (default 0.2).");

    public static SpecField PrefixContrast { get; } = new("contrast", Number(_ => 0, false, l => l.MaxContrast, false),
        "Weight of the contrastive term over a sample of the job's candidates (default 0: reference only).");

    public static SpecField PrefixBackground { get; } = new("background", Int(_ => 1, l => l.MaxBackground),
        "Candidates sampled for the contrastive term, spread over the input's shards.");

    public static SpecObjectValue Prefix { get; } = new()
    {
        Definition = "JobSpecPrefix",
        Description = "A domain prefix: train one from a reference set (reference), or use a trained one (path).",
        Fields = [PrefixReference, PrefixPath, PrefixLength, PrefixEpochs, PrefixLearningRate, PrefixContrast, PrefixBackground],
        ExactlyOne = [PrefixReference.Name, PrefixPath.Name],
    };

    // record:
    public static SpecField RecordId { get; } = new("id", Text, "Field holding the record's id.") { Default = SpecDefaults.RecordId };

    public static SpecField RecordText { get; } = new("text", Text, "Field holding the document's text (default text, unless prompt and response are given).");

    public static SpecField RecordPrompt { get; } = new("prompt", Text, "SFT records: field holding the instruction (with response, instead of text).");

    public static SpecField RecordResponse { get; } = new("response", Text, "SFT records: field holding the response (with prompt).");

    public static SpecField RecordScore { get; } = new("score", Words(RecordScores),
        "SFT records: full scores the templated prompt and response; response scores only the response tokens.")
    {
        Default = SpecDefaults.RecordScore,
    };

    public static SpecObjectValue Record { get; } = new()
    {
        Definition = "JobSpecRecord",
        Description = "Which fields of an input record hold its id and text (or SFT prompt and response).",
        Fields = [RecordId, RecordText, RecordPrompt, RecordResponse, RecordScore],
    };

    // selection:
    public static SpecField SelectionMode { get; } = new("mode", Words(SelectionModes),
        "threshold keeps documents scoring above a cut; top-fraction keeps the best fraction of the whole input (two phases).")
    {
        Default = SpecDefaults.SelectionMode,
    };

    public static SpecField SelectionTau { get; } = new("tau", Number(_ => 0, true, null, false),
        "Method lamdas, threshold mode: keep documents with score > ln tau.")
    {
        Default = SpecDefaults.Tau,
    };

    public static SpecField SelectionThreshold { get; } = new("threshold", Number(null, false, null, false),
        "Methods ppl, dsir, tfidf and random, threshold mode (required there): keep documents with score > threshold.");

    public static SpecField SelectionFraction { get; } = new("fraction", Number(_ => 0, true, _ => 1, false),
        "Mode top-fraction (required there): keep the ⌈fraction · N⌉ best documents.");

    public static SpecObjectValue Selection { get; } = new()
    {
        Definition = "JobSpecSelection",
        Description = "What to keep. Required for every method but lamdas.",
        Fields = [SelectionMode, SelectionTau, SelectionThreshold, SelectionFraction],
    };

    // cascade:
    public static SpecField CascadeMethod { get; } = new("method", Words(CascadeMethods), "The cheap first stage.")
    {
        Default = SpecDefaults.CascadeMethod,
    };

    public static SpecField CascadeRecall { get; } = new("recall", Number(_ => 0, true, _ => 1, true),
        "Share of plain LAMDAS's selection the first stage's cut keeps (lower confidence bound on the pilot).")
    {
        Default = CascadeSpec.DefaultRecall,
    };

    public static SpecField CascadeConfidence { get; } = new("confidence", Number(_ => 0.5, false, _ => 1, true),
        "One-sided confidence level of the recall's lower bound.")
    {
        Default = SpecDefaults.CascadeConfidence,
    };

    public static SpecField CascadePilot { get; } = new("pilot", Int(_ => 1, l => l.MaxBaselineSample),
        "Candidates scored by both stages in the pilot's first round.")
    {
        Default = CascadeSpec.DefaultPilotDocuments,
    };

    public static SpecField CascadeMaxPilot { get; } = new("max_pilot", Int(_ => 1, l => l.MaxBaselineSample),
        $"Most candidates the pilot grows to when its first round keeps too few documents; at least pilot (default the larger of pilot and {CascadeSpec.DefaultMaxPilotDocuments}).");

    public static SpecObjectValue CascadeSettings { get; } = new()
    {
        Definition = "JobSpecCascade",
        Description = "A cascade's settings.",
        Fields = [CascadeMethod, CascadeRecall, CascadeConfidence, CascadePilot, CascadeMaxPilot],
    };

    // cache:
    public static SpecField CachePath { get; } = new("path", Uri, "The score store's folder.");

    public static SpecObjectValue CacheSettings { get; } = new()
    {
        Definition = "JobSpecCache",
        Description = "A score store.",
        Fields = [CachePath],
        Required = [CachePath.Name],
    };

    // The top level.
    public static SpecField Name { get; } = new("name", new SpecStringValue { Pattern = NamePattern },
        "The job's name: 1-128 letters, digits, '-', '_' or '.'.");

    public static SpecField Model { get; } = new("model", Text,
        "Hugging Face-layout model: a local directory or blob folder. Required for methods lamdas and ppl.");

    public static SpecField PrefixField { get; } = new("prefix", Prefix,
        "Method lamdas, one domain: the domain prefix (required for lamdas unless domains is given).");

    public static SpecField Input { get; } = new("input", Uri,
        "The candidates: a file, glob (*, ?, **, [abc]) or folder, local or in blob storage; JSONL, JSONL.gz, JSONL.zst or Parquet.");

    public static SpecField RecordField { get; } = new("record", Record, "Which fields of each record hold its id and text.")
    {
        Default = new JsonObject { ["id"] = SpecDefaults.RecordId, ["text"] = SpecDefaults.RecordText },
    };

    public static SpecField Method { get; } = new("method", Words(Methods),
        "How documents are scored: lamdas (log p(y|prefix) − log p(y)), ppl (mean log-likelihood), dsir, tfidf or random.")
    {
        Default = SpecDefaults.Method,
    };

    public static SpecField SelectionField { get; } = new("selection", Selection,
        "What to keep: { mode: threshold, tau: 1.0 } or { mode: top-fraction, fraction: 0.15 }. Required for every method but lamdas.");

    public static SpecField Output { get; } = new("output", Uri,
        "Output folder (local or az://container/prefix): selected/, scores/, quarantine/, manifest.json, report.html, _SUCCESS.");

    public static SpecField OutputFormat { get; } = new("output_format", Words(OutputFormats),
        "Format of selected/: same keeps the input's (parquet needs Parquet input).")
    {
        Default = SpecDefaults.OutputFormat,
    };

    public static SpecField MaxTokens { get; } = new("max_tokens", Int(_ => 1, l => l.MaxTokens),
        "Documents are scored on their first N tokens.")
    {
        Default = JobSpec.DefaultMaxTokens,
    };

    public static SpecField BatchTokens { get; } = new("batch_tokens", Int(_ => 1, l => l.MaxBatchTokens), "Padded tokens per forward batch.")
    {
        Default = SpecDefaults.BatchTokens,
    };

    public static SpecField WindowTokens { get; } = new("window_tokens", Int(_ => 0, l => l.MaxTokens - 1),
        $"Method lamdas: also score windows of this many tokens, each from a fresh start; 0 or less than max_tokens (0 = whole context only; default {WindowDefaults.Tokens} where max_tokens > {WindowDefaults.Tokens}, else 0).");

    public static SpecField ShardSizeMb { get; } = new("shard_size_mb", Number(l => l.MinShardSizeMb, false, l => l.MaxShardSizeMb, false),
        "Plain JSONL is cut into byte ranges of about this many MiB.")
    {
        Default = SpecDefaults.ShardSizeMb,
    };

    public static SpecField MaxBadFraction { get; } = new("max_bad_fraction", Number(_ => 0, false, _ => 1, false),
        "More malformed records than this share fails the job (no _SUCCESS).")
    {
        Default = SpecDefaults.MaxBadFraction,
    };

    public static SpecField Seed { get; } = new("seed", Int(_ => long.MinValue, _ => long.MaxValue),
        "Seed of prefix training, baseline sampling and the random method.")
    {
        Default = SpecDefaults.Seed,
    };

    public static SpecField Reference { get; } = new("reference", Uri,
        "Methods dsir and tfidf (and a cascade's first stage): the reference set (default prefix.reference). Not with domains.");

    public static SpecField BaselineSample { get; } = new("baseline_sample", Int(_ => 1, l => l.MaxBaselineSample),
        "Candidates sampled to fit dsir and tfidf statistics.")
    {
        Default = SpecDefaults.BaselineSample,
    };

    public static SpecField Device { get; } = new("device", new SpecStringValue { Pattern = DevicePattern },
        "Device of the scoring worker: cpu, cuda or cuda:N (default: the worker's own).");

    public static SpecField Threads { get; } = new("threads", Int(_ => 0, l => l.MaxThreads), "libtorch CPU threads of the job's model (0 = all cores); on a cluster the silo's Lamdas:Cluster:Threads applies instead.")
    {
        Default = SpecDefaults.Threads,
    };

    public static SpecField DType { get; } = new("dtype", Words(ComputeDTypes.Names),
        "Compute dtype of the model's layers: auto (the worker's; bfloat16 on CUDA, float32 on the CPU), float32, bfloat16 or float16.")
    {
        Default = SpecDefaults.DType,
    };

    public static SpecField Cascade { get; } = new("cascade",
        new SpecChoiceValue
        {
            Alternatives =
            [
                new SpecBooleanValue { Description = "true: on with the defaults; false: off" },
                new SpecStringValue { Words = [.. SwitchOn, .. SwitchOff], Description = "on or off" },
                new SpecStringValue { Words = CascadeMethods, Description = "on with this first stage" },
                CascadeSettings,
            ],
        },
        "Method lamdas: a cheap first stage (dsir or tfidf) decides which candidates reach the LLM. Default: on where a reference set exists.");

    public static SpecField Cache { get; } = new("cache",
        new SpecChoiceValue
        {
            Alternatives =
            [
                new SpecBooleanValue { Only = false, Description = "no score store, not even the cluster's" },
                new SpecStringValue { Refused = SwitchOn, Description = "the score store's folder, or off (off, false, no, none)" },
                CacheSettings,
            ],
        },
        "Methods lamdas and ppl: keep and reuse model passes in this score store (default: the cluster's Lamdas:Cluster:ScoreStore).");

    public static SpecField Domains { get; } = new("domains",
        new SpecMapValue { KeyPattern = DomainNamePattern, Value = Prefix, MinimumEntries = 1, MaximumEntries = l => l.MaxDomains },
        "Method lamdas, several domains: domain name (its output folder; names differ other than in case) to prefix. Not with prefix or reference.");

    public static SpecField Priority { get; } = new("priority", Int(_ => JobSpec.MinPriority, _ => JobSpec.MaxPriority),
        "Cluster scheduling among the team's own jobs, higher first.")
    {
        Default = SpecDefaults.Priority,
    };

    /// <summary>The job specification: the top-level mapping.</summary>
    public static SpecObjectValue Job { get; } = new()
    {
        Definition = "JobSpec",
        Description = "A LAMDAS data-selection job, as a YAML or JSON job file or the body of POST /api/v1/jobs. "
            + "Every problem is reported at once with its path.",
        Fields =
        [
            Name, Model, PrefixField, Input, RecordField, Method, SelectionField, Output, OutputFormat, MaxTokens,
            BatchTokens, WindowTokens, ShardSizeMb, MaxBadFraction, Seed, Reference, BaselineSample, Device, Threads,
            DType, Cascade, Cache, Domains, Priority,
        ],
        Required = [Name.Name, Input.Name, Output.Name],
    };

    private static SpecIntegerValue Int(Func<SpecLimits, long> minimum, Func<SpecLimits, long> maximum) =>
        new() { Minimum = minimum, Maximum = maximum };

    private static SpecNumberValue Number(Func<SpecLimits, double>? minimum, bool minimumOpen, Func<SpecLimits, double>? maximum, bool maximumOpen) =>
        new() { Minimum = minimum, MinimumOpen = minimumOpen, Maximum = maximum, MaximumOpen = maximumOpen };

    private static SpecStringValue Words(IReadOnlyList<string> words) => new() { Words = words };
}
