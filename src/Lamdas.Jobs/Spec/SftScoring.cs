namespace Lamdas.Jobs.Spec;

[GenerateSerializer, Alias("lamdas.SftScoring")]
public enum SftScoring
{
    Full,
    Response,
}
