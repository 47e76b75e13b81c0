using System.CommandLine;

namespace Lamdas.Cli.Commands;

/// <summary><c>--server</c> and <c>--api-key</c> of the commands that talk to a cluster's API.</summary>
internal sealed class ServerOptions
{
    public const string ServerVariable = "LAMDAS_SERVER";
    public const string ApiKeyVariable = "LAMDAS_API_KEY";
    public const string DefaultServer = "http://localhost:8080";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"the cluster's API URL (default: ${ServerVariable}, else {DefaultServer})",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"the team's API key (default: ${ApiKeyVariable})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
    }

    public LamdasApiClient CreateClient(ParseResult result)
    {
        var server = First(result.GetValue(Server), Environment.GetEnvironmentVariable(ServerVariable)) ?? DefaultServer;
        var key = First(result.GetValue(ApiKey), Environment.GetEnvironmentVariable(ApiKeyVariable))
            ?? throw new CliException($"no API key: pass --api-key KEY or set {ApiKeyVariable}");
        return new LamdasApiClient(server, key);
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
