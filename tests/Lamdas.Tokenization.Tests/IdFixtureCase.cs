namespace Lamdas.Tokenization.Tests;

/// <summary>One line of an id fixture: {"tokenizer": ..., "text": ..., "ids": [...]}.</summary>
internal sealed record IdFixtureCase(int Line, string Tokenizer, string Text, int[] Ids);
