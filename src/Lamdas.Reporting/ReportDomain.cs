namespace Lamdas.Reporting;

/// <summary>
/// One row of the per-domain table: the labelled documents of one domain (or label), whether that domain is the
/// one the job selects for, and how many of its documents the job selected.
/// </summary>
public sealed record ReportDomain(string Name, bool InDomain, long Documents, long Selected);
