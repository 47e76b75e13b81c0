namespace Lamdas.Jobs.Spec;

/// <summary>
/// threshold: lamdas keeps score &gt; ln τ (<see cref="Tau"/>); other methods keep score &gt; <see cref="Threshold"/>.
/// top-fraction: keeps the highest-scoring <see cref="Fraction"/> of all documents (two phases).
/// </summary>
public sealed record SelectionSpec
{
    public SelectionMode Mode { get; init; } = SelectionMode.Threshold;

    public double Tau { get; init; } = 1.0;

    public double? Threshold { get; init; }

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
