namespace Lamdas.Jobs.Spec;

/// <summary>
/// The values a job spec gets for fields it leaves out, read by <see cref="JobSpecParser"/> and published in the job-spec
/// schema (<see cref="Schema.JobSpecFields"/>); the other defaults are <see cref="JobSpec.DefaultMaxTokens"/>,
/// <see cref="WindowDefaults"/> and those of <see cref="CascadeSpec"/>.
/// </summary>
public static class SpecDefaults
{
    public const string Method = "lamdas";

    public const string RecordId = "id";

    public const string RecordText = "text";

    public const string RecordScore = "full";

    public const string SelectionMode = "threshold";

    public const double Tau = 1.0;

    public const string OutputFormat = "same";

    public const int BatchTokens = 8192;

    public const double ShardSizeMb = 64;

    public const double MaxBadFraction = 0.01;

    public const long Seed = 0;

    public const int BaselineSample = 20_000;

    public const int Threads = 0;

    public const string DType = "auto";

    public const int PrefixLength = 30;

    public const string CascadeMethod = "dsir";

    public const double CascadeConfidence = 0.95;

    public const int Priority = 0;
}
