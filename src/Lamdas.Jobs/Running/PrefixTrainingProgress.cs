using System.Text.Json.Serialization;
using Lamdas.Engine.Training;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Where a job's prefix training stands: the last epoch done of the epochs it may run (it can stop early), the
/// training NLL during that epoch, the held-out NLL after it (the NLL over the training windows when nothing is held
/// out: <see cref="HeldOut"/> false) and the seconds the epoch took. Epoch 0 is the initialisation (no training NLL).
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.PrefixTrainingProgress")]
public sealed record PrefixTrainingProgress
{
    /// <summary>The largest epoch count a report may carry (the spec's own limit is lower).</summary>
    public const int MaxEpochs = 100_000;

    [Id(0)]
    public int Epoch { get; init; }

    [Id(1)]
    public int Epochs { get; init; }

    /// <summary>Mean training NLL (nats/token) during the epoch; null for epoch 0.</summary>
    [Id(2)]
    public double? TrainNll { get; init; }

    /// <summary>NLL (nats/token) after the epoch on the held-out reference documents (or the training windows).</summary>
    [Id(3)]
    public double HeldOutNll { get; init; }

    /// <summary>Whether <see cref="HeldOutNll"/> was measured on held-out documents.</summary>
    [Id(4)]
    public bool HeldOut { get; init; }

    /// <summary>Seconds the epoch took (null for epoch 0).</summary>
    [Id(5)]
    public double? SecondsPerEpoch { get; init; }

    /// <summary>The domain whose prefix is training (1-based), of <see cref="Domains"/>.</summary>
    [Id(6)]
    public int Domain { get; init; } = 1;

    [Id(7)]
    public int Domains { get; init; } = 1;

    /// <summary>Whether the figures are plausible (every report crosses a process boundary).</summary>
    [JsonIgnore]
    public bool IsValid => Epochs is >= 1 and <= MaxEpochs && Epoch >= 0 && Epoch <= Epochs
        && Domains is >= 1 and <= 10_000 && Domain >= 1 && Domain <= Domains
        && Finite(HeldOutNll) && (TrainNll is null || Finite(TrainNll.Value))
        && (SecondsPerEpoch is null || Finite(SecondsPerEpoch.Value));

    public static PrefixTrainingProgress From(PrefixEpochProgress epoch, int domain = 1, int domains = 1)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return new PrefixTrainingProgress
        {
            Epoch = epoch.Epoch,
            Epochs = epoch.Epochs,
            TrainNll = epoch.TrainNll,
            HeldOutNll = epoch.ValidationNll,
            HeldOut = epoch.HeldOut,
            SecondsPerEpoch = epoch.Seconds,
            Domain = domain,
            Domains = domains,
        };
    }

    private static bool Finite(double value) => double.IsFinite(value) && value >= 0;
}
