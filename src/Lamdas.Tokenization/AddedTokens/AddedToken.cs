namespace Lamdas.Tokenization.AddedTokens;

/// <summary>An entry of tokenizer.json's <c>added_tokens</c>.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Content">Literal text of the token.</param>
/// <param name="Special">Special tokens are never matched inside plain text.</param>
/// <param name="Normalized">Whether the token is matched against normalized text rather than the raw input.</param>
internal sealed record AddedToken(int Id, string Content, bool Special, bool Normalized);
