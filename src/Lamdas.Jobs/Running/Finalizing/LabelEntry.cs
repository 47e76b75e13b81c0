namespace Lamdas.Jobs.Running;

/// <summary>One document's label: whether it is in the domain, and the domain (or label) it belongs to.</summary>
public sealed record LabelEntry(bool InDomain, string Domain);
