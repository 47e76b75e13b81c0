namespace Lamdas.Jobs.Spec;

[GenerateSerializer, Alias("lamdas.SelectionMethod")]
public enum SelectionMethod
{
    Lamdas,
    Ppl,
    Dsir,
    TfIdf,
    Random,
}
