namespace Lamdas.Engine.Training;

/// <summary>A tokenized reference document.</summary>
public sealed record ReferenceDocument(string Id, int[] Ids);
