namespace Lamdas.Jobs.Spec;

public enum SftScoring
{
    Full,
    Response,
}
