namespace Lamdas.Engine;

/// <summary>A model, prefix or input problem the user can fix; the message names the file, field or tensor.</summary>
public sealed class EngineException : Exception
{
    public EngineException(string message) : base(message)
    {
    }

    public EngineException(string message, Exception inner) : base(message, inner)
    {
    }
}
