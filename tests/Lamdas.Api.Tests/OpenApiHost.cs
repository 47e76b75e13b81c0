using System.Text.Json.Nodes;
using Lamdas.Api.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api.Tests;

/// <summary>
/// The job API on a real Kestrel host (over <see cref="FakeGrains"/>), with <c>Lamdas:Limits:MaxDomains</c> set to
/// <see cref="MaxDomains"/>; <see cref="Text"/> is the OpenAPI document it serves at <c>/openapi/v1.json</c>.
/// </summary>
public sealed class OpenApiHost : IAsyncLifetime
{
    /// <summary>A limit other than the default, to see the configured limits reach the document.</summary>
    public const int MaxDomains = 5;

    private WebApplication _app = null!;

    public string Text { get; private set; } = "";

    public JsonObject Document => JsonNode.Parse(Text)!.AsObject();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lamdas:Teams:0:Name"] = "research",
            ["Lamdas:Teams:0:ApiKeySha256"] = ApiKeyHash.Hex("openapi-key"),
            ["Lamdas:Teams:0:InputPrefixes:0"] = "/data",
            ["Lamdas:Teams:0:OutputPrefixes:0"] = "/data",
            ["Lamdas:Limits:MaxDomains"] = MaxDomains.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(new FakeGrains().Factory);
        builder.Services.AddLamdasApi(builder.Configuration);
        _app = builder.Build();
        _app.MapLamdasApi();
        // The silo maps the Prometheus endpoint beside the API (Lamdas.Cluster's telemetry); a stand-in route here.
        _app.MapGet("/metrics", () => Results.Text("", "text/plain")).ExcludeFromDescription();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        Text = await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
