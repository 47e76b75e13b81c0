namespace Lamdas.Engine.Training;

/// <summary>One pretraining document; <see cref="Domain"/> is null when the corpus line has none.</summary>
internal sealed record CorpusDocument(string Id, string Text, string? Domain);
