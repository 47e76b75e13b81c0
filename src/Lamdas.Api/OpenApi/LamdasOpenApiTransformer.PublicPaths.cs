using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Lamdas.Api.OpenApi;

/// <summary>
/// The public endpoints that are not described by their own metadata: the dashboard page, the Prometheus scrape
/// endpoint (where the host maps it) and this document. Each is added only when its route is mapped.
/// </summary>
internal sealed partial class LamdasOpenApiTransformer
{
    private const string PublicTag = "public";

    private void AddPublicPaths(OpenApiDocument document, string documentName)
    {
        document.Paths ??= new OpenApiPaths();
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToHashSet(StringComparer.Ordinal);
        if (routes.Contains("/"))
        {
            Add(document, "/", "GetDashboard", "The dashboard page (no authentication; its data comes from the job endpoints with the team's key).",
                "text/html", "The page, or 304 when the ETag of If-None-Match is current.", notModified: true);
        }

        if (routes.Contains("/metrics"))
        {
            Add(document, "/metrics", "GetMetrics", "Prometheus metrics in the text exposition format (no authentication).",
                "text/plain", "The current metrics.", notModified: false);
        }

        if (routes.Contains("/openapi/{documentName}.json"))
        {
            Add(document, $"/openapi/{documentName}.json", "GetOpenApiDocument", "This OpenAPI document (no authentication).",
                "application/json", "The OpenAPI 3.1 document.", notModified: false);
        }
    }

    private static void Add(OpenApiDocument document, string path, string operationId, string summary, string contentType, string description, bool notModified)
    {
        if (document.Paths.ContainsKey(path))
        {
            return;
        }

        var responses = new OpenApiResponses
        {
            [StatusCodes.Status200OK.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new()
                    {
                        Schema = contentType == "application/json"
                            ? new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An OpenAPI document." }
                            : null,
                    },
                },
            },
        };
        if (notModified)
        {
            responses["304"] = new OpenApiResponse { Description = "Not modified: the copy the client holds is current." };
        }

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new(PublicTag, document) },
            Responses = responses,
        });
        document.Paths[path] = item;
    }
}
