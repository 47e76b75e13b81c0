namespace Lamdas.Selection;

/// <summary>
/// Scores one candidate document at a time; a higher score means "more in-domain".
/// Implementations are deterministic and safe to call from several threads once constructed or fitted.
/// </summary>
public interface ITextScorer
{
    /// <summary>Scores a document. <paramref name="id"/> is the document's stable identifier; <paramref name="text"/> its content.</summary>
    double Score(string id, string text);
}
