namespace Lamdas.Jobs.Spec;

[GenerateSerializer, Alias("lamdas.SelectionMode")]
public enum SelectionMode
{
    Threshold,
    TopFraction,
}
