using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Everything a shard needs to be processed: storage, the validated spec and the method's scorer.</summary>
public sealed class JobContext(IObjectStore store, JobSpec spec, IJobScorer scorer)
{
    public IObjectStore Store { get; } = store;

    public JobSpec Spec { get; } = spec;

    public IJobScorer Scorer { get; } = scorer;

    public DocumentPreparer Preparer { get; } = new(spec.Record, scorer, spec.MaxTokens);

    /// <summary>Threshold mode selects while scoring; top-fraction selects in a second phase.</summary>
    public bool SelectsWhileScoring => Spec.Selection.Mode == SelectionMode.Threshold;

    public double CutOff => Spec.Selection.CutOff(Spec.Method);

    public string PartName(int index) => $"part-{index:D5}";

    public RecordFormat OutputFormat(RecordFormat input) => Spec.OutputFormat switch
    {
        null => input,
        "jsonl" => RecordFormat.Jsonl,
        "jsonl.gz" => RecordFormat.JsonlGzip,
        "jsonl.zst" => RecordFormat.JsonlZstd,
        "parquet" => RecordFormat.Parquet,
        var other => throw new InvalidOperationException($"output_format {other}"),
    };

    public string OutputUri(string relative) => StorageUri.Combine(Spec.Output, relative);
}
