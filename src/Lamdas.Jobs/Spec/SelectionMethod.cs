namespace Lamdas.Jobs.Spec;

public enum SelectionMethod
{
    Lamdas,
    Ppl,
    Dsir,
    TfIdf,
    Random,
}
