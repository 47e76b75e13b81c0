namespace Lamdas.Jobs.Spec;

public enum SelectionMode
{
    Threshold,
    TopFraction,
}
