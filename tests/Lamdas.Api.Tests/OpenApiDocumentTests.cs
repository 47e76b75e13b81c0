using System.Text.Json.Nodes;
using Lamdas.Jobs.Spec;
using Lamdas.Jobs.Spec.Schema;

namespace Lamdas.Api.Tests;

/// <summary>The OpenAPI document a real host serves: the job-spec request body, security, text responses, servers and errors.</summary>
public sealed class OpenApiDocumentTests(OpenApiHost host) : IClassFixture<OpenApiHost>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in host.Document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject());

    private JsonObject Operation(string path, string method) => host.Document["paths"]![path]![method]!.AsObject();

    [Fact]
    public void SubmittingAJobTakesTheJobSpecSchema()
    {
        var body = Operation("/api/v1/jobs", "post")["requestBody"]!;
        Assert.True((bool)body["required"]!);
        Assert.Equal("#/components/schemas/JobSpec", (string?)body["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/JobSpec", (string?)body["content"]!["application/yaml"]!["schema"]!["$ref"]);

        var schemas = host.Document["components"]!["schemas"]!;
        var spec = schemas["JobSpec"]!;
        Assert.Equal("object", (string?)spec["type"]);
        Assert.False((bool)spec["additionalProperties"]!);
        // The same fields as the published schema file.
        var published = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "job-spec.schema.json")))!;
        Assert.Equal(published["properties"]!.AsObject().Select(p => p.Key), spec["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("#/components/schemas/JobSpecPrefix", (string?)spec["properties"]!["prefix"]!["$ref"]);
        Assert.Equal("#/components/schemas/JobSpecPrefix", (string?)spec["properties"]!["domains"]!["additionalProperties"]!["$ref"]);
        foreach (var name in new[] { "JobSpecPrefix", "JobSpecRecord", "JobSpecSelection", "JobSpecCascade", "JobSpecCache" })
        {
            Assert.NotNull(schemas[name]);
        }

        // The host's configured limits, not the defaults.
        Assert.Equal(OpenApiHost.MaxDomains, (int)spec["properties"]!["domains"]!["maxProperties"]!);
        Assert.Equal(32768, (int)spec["properties"]!["max_tokens"]!["maximum"]!);
        Assert.Equal(["lamdas", "ppl", "dsir", "tfidf", "random"], spec["properties"]!["method"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(0.5, (double)schemas["JobSpecCascade"]!["properties"]!["confidence"]!["minimum"]!);
        Assert.Equal(1, (double)schemas["JobSpecCascade"]!["properties"]!["confidence"]!["exclusiveMaximum"]!);
    }

    [Fact]
    public void JobOperationsNeedAKeyAndPublicOnesDeclareNone()
    {
        var schemes = host.Document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", (string?)schemes["bearer"]!["scheme"]);
        Assert.Equal("X-Api-Key", (string?)schemes["api_key"]!["name"]);
        var operations = Operations().ToList();
        foreach (var (path, method, operation) in operations)
        {
            var security = Assert.IsType<JsonArray>(operation["security"]);
            if (path.StartsWith("/api/v1/jobs", StringComparison.Ordinal))
            {
                Assert.Equal(["bearer", "api_key"], security.Select(r => r!.AsObject().Single().Key));
            }
            else
            {
                Assert.True(security.Count == 0, $"{method} {path} is public but asks for {security.ToJsonString()}");
            }
        }

        var paths = operations.Select(o => o.Path).ToHashSet();
        foreach (var path in new[] { "/healthz", "/metrics", "/", "/openapi/v1.json", "/api/v1/cluster" })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public void EventsAndHtmlResponsesAreTypedAsText()
    {
        var events = Operation("/api/v1/jobs/{id}/events", "get")["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal("string", (string?)Assert.Single(events, c => c.Key == "text/event-stream").Value!["schema"]!["type"]);
        var report = Operation("/api/v1/jobs/{id}/report", "get")["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal("string", (string?)Assert.Single(report, c => c.Key == "text/html").Value!["schema"]!["type"]);
        var page = Operation("/", "get")["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal("string", (string?)Assert.Single(page, c => c.Key == "text/html").Value!["schema"]!["type"]);
        foreach (var (path, method, operation) in Operations())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                foreach (var (type, media) in response!["content"]?.AsObject() ?? new JsonObject())
                {
                    Assert.True(media!["schema"] is not null, $"{method} {path} {status} {type} has no schema");
                }
            }
        }
    }

    [Fact]
    public void EveryJobOperationDeclaresItsClientErrorsWithTheErrorSchema()
    {
        var errorSchemas = new[] { "ErrorResponse", "SpecErrorResponse", "AccessDeniedResponse" }.Select(n => "#/components/schemas/" + n).ToList();
        foreach (var (path, method, operation) in Operations().Where(o => o.Path.StartsWith("/api/v1/jobs", StringComparison.Ordinal)))
        {
            var errors = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('4')).ToList();
            Assert.True(errors.Count > 0, $"{method} {path} declares no 4xx response");
            Assert.Contains(errors, e => e.Key == "401");
            foreach (var (status, response) in errors)
            {
                var reference = (string?)response!["content"]!["application/json"]!["schema"]!["$ref"];
                Assert.True(reference is not null && errorSchemas.Contains(reference), $"{method} {path} {status}: {reference}");
            }
        }

        var submit = Operation("/api/v1/jobs", "post")["responses"]!.AsObject().Select(r => r.Key).Where(k => k.StartsWith('4')).Order(StringComparer.Ordinal);
        Assert.Equal(["400", "401", "403", "409", "413", "429"], submit);
        Assert.Equal(
            "#/components/schemas/SpecErrorResponse",
            (string?)Operation("/api/v1/jobs", "post")["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void ServersHaveNoTrailingSlash()
    {
        var servers = host.Document["servers"]?.AsArray() ?? new JsonArray();
        foreach (var server in servers)
        {
            var url = (string?)server!["url"];
            Assert.False(string.IsNullOrEmpty(url));
            Assert.False(url!.EndsWith('/'), $"server {url} ends in '/'");
        }
    }

    [Fact]
    public void TheRequestBodyDescriptionNamesThePublishedSchema() =>
        Assert.Contains("job-spec.schema.json", (string?)Operation("/api/v1/jobs", "post")["requestBody"]!["description"], StringComparison.Ordinal);

    [Fact]
    public void TheJobSpecComponentIsTheGeneratedRootSchema()
    {
        var (root, _) = JobSpecSchema.Build(new SpecLimits { MaxDomains = OpenApiHost.MaxDomains }, "#/components/schemas/");
        var served = host.Document["components"]!["schemas"]!["JobSpec"]!;
        Assert.Equal(root["required"]!.ToJsonString(), served["required"]!.ToJsonString());
        Assert.Equal(root["properties"]!.AsObject().Count, served["properties"]!.AsObject().Count);
    }
}
