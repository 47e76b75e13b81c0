namespace Lamdas.Api.Dashboard;

/// <summary>The cluster's active silos, ordered by address.</summary>
public sealed record ClusterResponse(IReadOnlyList<SiloResponse> Silos);

/// <summary>One silo: its address, membership status and its scoring worker (null when the worker did not answer).</summary>
public sealed record SiloResponse(string Address, string Status, SiloWorkerResponse? Worker);

/// <summary>
/// What a silo's scoring worker has done since the silo started. Whose job it scores is not shown (the endpoint is
/// open to every team), only whether it is busy.
/// </summary>
public sealed record SiloWorkerResponse(string Device, bool Busy, long ShardsCompleted, long TokensScored, int ModelsLoaded);
