using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>A job's output folder: where its files go, under which names and in which record format.</summary>
public sealed class JobOutput(IObjectStore store, JobSpec spec)
{
    public IObjectStore Store { get; } = store;

    public JobSpec Spec { get; } = spec;

    public static string PartName(int index) => $"part-{index:D5}";

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
