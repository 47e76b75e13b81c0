using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lamdas.Cli.Commands;

/// <summary>
/// The cluster API over HTTP. Errors become <see cref="CliException"/> carrying the server's message; an unreachable
/// server too. Server errors (5xx) on the event stream surface as <see cref="HttpRequestException"/> so that callers
/// can fall back to polling.
/// </summary>
internal sealed class LamdasApiClient : IDisposable
{
    private const string JobsPath = "api/v1/jobs";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly HttpClient _http;

    public LamdasApiClient(string server, string apiKey)
    {
        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server '{server}' is not an http(s) URL");
        }

        Server = baseUri.ToString().TrimEnd('/');
        _http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("lamdas-cli", "1"));
    }

    public string Server { get; }

    public string JobUrl(string jobId) => $"{Server}/{JobsPath}/{Uri.EscapeDataString(jobId)}";

    public Task<RemoteJobStatus> SubmitAsync(string specJson, CancellationToken ct) =>
        SendAsync<RemoteJobStatus>(HttpMethod.Post, JobsPath, new StringContent(specJson, Encoding.UTF8, "application/json"), ct);

    public Task<RemoteJobStatus> GetAsync(string jobId, CancellationToken ct) =>
        SendAsync<RemoteJobStatus>(HttpMethod.Get, JobPath(jobId), null, ct);

    public Task<RemoteJobStatus> CancelAsync(string jobId, string? reason, CancellationToken ct) =>
        SendAsync<RemoteJobStatus>(HttpMethod.Post, JobPath(jobId) + "/cancel" + (reason is null ? "" : "?reason=" + Uri.EscapeDataString(reason)), null, ct);

    public async Task<IReadOnlyList<RemoteJobStatus>> ListAsync(int? limit, CancellationToken ct) =>
        (await SendAsync<RemoteJobList>(HttpMethod.Get, JobsPath + (limit is null ? "" : $"?limit={limit}"), null, ct)).Jobs;

    /// <summary>The job's server-sent events, each with the job status it carries; ends when the server closes the stream.</summary>
    public async IAsyncEnumerable<(string Kind, RemoteJobStatus Status)> EventsAsync(string jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, JobPath(jobId) + "/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Reach(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct), ct);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"the event stream failed: {await ErrorMessageAsync(response, ct)}", null, response.StatusCode);
        }

        await ThrowIfFailedAsync(response, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var message in SseReader.ReadAsync(body, ct))
        {
            var status = JsonSerializer.Deserialize<RemoteJobStatus>(message.Data, Json)
                ?? throw new JsonException("an event without a job status");
            yield return (message.Event, status);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string JobPath(string jobId) => $"{JobsPath}/{Uri.EscapeDataString(jobId)}";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            using var response = await Reach(() => _http.SendAsync(request, timeout.Token), ct);
            await ThrowIfFailedAsync(response, timeout.Token);
            return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token)
                ?? throw new CliException($"{method} {Server}/{path}: the server returned an empty body");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new CliException($"{method} {Server}/{path}: no answer within {RequestTimeout.TotalSeconds:F0} s");
        }
        catch (JsonException e)
        {
            throw new CliException($"{method} {Server}/{path}: the server's answer is not the expected JSON: {e.Message}");
        }
    }

    private async Task<HttpResponseMessage> Reach(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"cannot reach the server at {Server}: {e.Message}");
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException(await ErrorMessageAsync(response, ct));
        }
    }

    /// <summary>The server's error message (<c>error</c>, with <c>errors</c> and <c>violations</c> listed), else the status line.</summary>
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var code = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var message = new StringBuilder(error.GetString()).Append(" (").Append(code).Append(')');
                foreach (var item in Items(root, "errors"))
                {
                    message.Append("\n  - ").Append(item.GetString());
                }

                var violations = Items(root, "violations").ToList();
                if (violations.Count > 1)
                {
                    foreach (var violation in violations)
                    {
                        message.Append("\n  - ").Append(violation.TryGetProperty("reason", out var reason) ? reason.GetString() : violation.ToString());
                    }
                }

                return message.ToString();
            }
        }
        catch (JsonException)
        {
        }

        var text = body.Trim();
        if (response.StatusCode == HttpStatusCode.UnsupportedMediaType || text.Length == 0)
        {
            return code;
        }

        return $"{code}: {(text.Length > 500 ? text[..500] + "…" : text)}";
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];
}
