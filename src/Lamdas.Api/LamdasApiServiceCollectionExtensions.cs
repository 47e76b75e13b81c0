using Lamdas.Api.Events;
using Lamdas.Api.Jobs;
using Lamdas.Api.OpenApi;
using Lamdas.Api.Teams;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lamdas.Api;

/// <summary>Registers the Lamdas HTTP API's services.</summary>
public static class LamdasApiServiceCollectionExtensions
{
    /// <summary>The configuration section of the limits every job specification is held to (<see cref="SpecLimits"/>).</summary>
    public const string LimitsSection = "Lamdas:Limits";

    /// <summary>
    /// Adds the API: teams from <c>Lamdas:Teams</c> and spec limits from <c>Lamdas:Limits</c> (both validated at start), the job directory (over the
    /// <see cref="IGrainFactory"/> and <see cref="IClusterClient"/> the silo registers), an <see cref="IObjectStore"/>
    /// for reports unless one is registered, snake_case JSON for minimal APIs, and the OpenAPI document <c>v1</c>.
    /// </summary>
    public static IServiceCollection AddLamdasApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TeamsOptions>()
            .Configure(options => options.Teams = configuration.GetSection(TeamsOptions.SectionName).Get<List<TeamOptions>>() ?? [])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.AddOptions<SpecLimits>()
            .Bind(configuration.GetSection(LimitsSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new TeamDirectory(sp.GetRequiredService<IOptions<TeamsOptions>>().Value.Teams));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IObjectStore>(_ => new ObjectStore());
        services.TryAddSingleton<IJobEventSource, OrleansJobEventSource>();
        services.TryAddSingleton<JobDirectory>();
        services.ConfigureHttpJsonOptions(options => LamdasApiJson.Apply(options.SerializerOptions));
        services.AddOpenApi("v1", options => options.AddDocumentTransformer<LamdasOpenApiTransformer>());
        return services;
    }
}
