namespace Lamdas.Cli.Commands;

/// <summary>The body of <c>GET /api/v1/jobs</c>.</summary>
internal sealed record RemoteJobList
{
    public List<RemoteJobStatus> Jobs { get; init; } = [];
}
