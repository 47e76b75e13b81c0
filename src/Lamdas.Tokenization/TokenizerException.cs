namespace Lamdas.Tokenization;

/// <summary>Raised when tokenizer files are missing, malformed or describe an unsupported configuration.</summary>
public sealed class TokenizerException : Exception
{
    public TokenizerException()
    {
    }

    public TokenizerException(string message)
        : base(message)
    {
    }

    public TokenizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
