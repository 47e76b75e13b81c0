namespace Lamdas.Jobs.Spec;

/// <summary>
/// threshold: lamdas keeps score &gt; ln τ (<see cref="Tau"/>); other methods keep score &gt; <see cref="Threshold"/>.
/// top-fraction: keeps the highest-scoring <see cref="Fraction"/> of all documents (two phases).
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.SelectionSpec")]
public sealed record SelectionSpec
{
    [Id(0)]
    public SelectionMode Mode { get; init; } = SelectionMode.Threshold;

    [Id(1)]
    public double Tau { get; init; } = 1.0;

    [Id(2)]
    public double? Threshold { get; init; }

    [Id(3)]
    public double Fraction { get; init; }

    public string Describe(SelectionMethod method) => Mode switch
    {
        SelectionMode.TopFraction => $"top {Fraction:P2} by score",
        _ when method == SelectionMethod.Lamdas => $"score > ln({Tau:G}) = {Math.Log(Tau):G4}",
        _ => $"score > {Threshold:G}",
    };

    /// <summary>The score a document must exceed in threshold mode.</summary>
    public double CutOff(SelectionMethod method) => method == SelectionMethod.Lamdas ? Math.Log(Tau) : Threshold ?? double.NaN;
}
