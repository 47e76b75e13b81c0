using System.Net;
using System.Text;

namespace Lamdas.Cli.Tests;

/// <summary>
/// The commands that talk to a cluster take the team's key from <c>LAMDAS_API_KEY</c> when <c>--api-key</c> is not
/// given (the nightly CronJob passes it that way, never on the command line); the option wins over the variable.
/// </summary>
public sealed class ApiKeyEnvironmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void TheKeyComesFromTheEnvironmentWithoutTheOption()
    {
        using var server = FakeApi.Start();

        var run = CliRunner.Run(Timeout, WithServer(server.Url, "key-from-environment"), "list").AssertSuccess();

        Assert.Contains("no jobs", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["Bearer key-from-environment"], server.Authorizations);
    }

    [Fact]
    public void TheOptionWinsOverTheEnvironment()
    {
        using var server = FakeApi.Start();

        CliRunner.Run(Timeout, WithServer(server.Url, "key-from-environment"), "list", "--api-key", "key-from-option").AssertSuccess();

        Assert.Equal(["Bearer key-from-option"], server.Authorizations);
    }

    [Fact]
    public void WithoutEitherTheCommandFailsNamingBoth()
    {
        using var server = FakeApi.Start();

        var run = CliRunner.Run(Timeout, WithServer(server.Url, null), "list").AssertCleanFailure();

        Assert.Contains("--api-key", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("LAMDAS_API_KEY", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Authorizations);
    }

    private static Dictionary<string, string?> WithServer(string server, string? key) => new()
    {
        ["LAMDAS_SERVER"] = server,
        ["LAMDAS_API_KEY"] = key,
    };

    /// <summary>GET /api/v1/jobs on a loopback port: records the Authorization header and answers an empty list.</summary>
    private sealed class FakeApi : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _loop;
        private readonly List<string> _authorizations = [];

        private FakeApi(HttpListener listener, string url)
        {
            _listener = listener;
            Url = url;
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<string> Authorizations
        {
            get
            {
                lock (_authorizations)
                {
                    return [.. _authorizations];
                }
            }
        }

        public static FakeApi Start()
        {
            for (var attempt = 0; ; attempt++)
            {
                var url = $"http://127.0.0.1:{FreePort()}/";
                var listener = new HttpListener();
                listener.Prefixes.Add(url);
                try
                {
                    listener.Start();
                    return new FakeApi(listener, url.TrimEnd('/'));
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(10));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (_authorizations)
                {
                    _authorizations.Add(context.Request.Headers["Authorization"] ?? "");
                }

                var found = context.Request.HttpMethod == "GET" && context.Request.Url!.AbsolutePath == "/api/v1/jobs";
                var body = Encoding.UTF8.GetBytes(found ? """{"jobs":[]}""" : """{"error":"not found"}""");
                try
                {
                    context.Response.StatusCode = found ? 200 : 404;
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client went away; the next request (if any) is served as usual.
                }
            }
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
