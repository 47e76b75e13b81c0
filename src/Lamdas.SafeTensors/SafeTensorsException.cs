namespace Lamdas.SafeTensors;

/// <summary>A safetensors file or checkpoint directory is missing, malformed, or does not hold what was asked for.</summary>
public sealed class SafeTensorsException : Exception
{
    public SafeTensorsException(string message)
        : base(message)
    {
    }

    public SafeTensorsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
