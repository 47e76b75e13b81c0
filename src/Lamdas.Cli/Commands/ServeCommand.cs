using System.CommandLine;
using Lamdas.Api;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>serve</c>: one silo of the cluster — coordinator, aggregator and (one per silo) scoring worker grains — with the
/// job API on the same host. Settings come from appsettings.json, environment variables (<c>Lamdas__Silo__Redis</c>
/// …) and the options below, in that order of precedence, lowest first.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var redis = new Option<string?>("--redis") { Description = "Redis connection for clustering and grain state (default: one-machine development clustering, in-memory state)" };
        var siloPort = new Option<int?>("--silo-port") { Description = "silo-to-silo port (default 11111)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "client gateway port (default 30000)" };
        var httpPort = new Option<int?>("--http-port") { Description = "HTTP port of the job API and dashboard (default 8080)" };
        var device = new Option<string?>("--device") { Description = "device of this silo's scoring worker: cpu, cuda, cuda:N (default cpu)" };
        var scoreStore = new Option<string?>("--score-store") { Description = "folder (local path or blob URI) where this silo's worker keeps model passes between jobs; a job's cache: wins (default: none)" };
        var dtype = new Option<string?>("--dtype") { Description = "compute dtype of this silo's scoring worker: auto (bfloat16 on CUDA, float32 on the CPU), float32, bfloat16 or float16; a job's own dtype wins (default auto)" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads of this silo's scoring worker, for every job (default 0: all cores)" };
        var allowCpuReduced = new Option<bool>("--allow-cpu-reduced-precision") { Description = "let bfloat16 and float16 run on the CPU (slow; for checking the reduced-precision path)" };
        var clusterId = new Option<string?>("--cluster-id") { Description = "cluster id (default lamdas)" };
        var primary = new Option<string?>("--primary-silo") { Description = "without Redis: the first silo's endpoint (127.0.0.1:11111) for the others to join" };
        var advertise = new Option<string?>("--advertise") { Description = "with Redis outside Kubernetes: the IP address other silos reach this one at (default 127.0.0.1, one machine)" };
        var config = new Option<string?>("--config") { Description = "an extra JSON settings file (over appsettings.json)" };
        var noWorker = new Option<bool>("--no-worker") { Description = "coordinate and serve the API only; score nothing on this silo" };
        var command = new Command("serve", "Run one silo of the Lamdas cluster with the job API")
        {
            redis, siloPort, gatewayPort, httpPort, device, dtype, threads, scoreStore, allowCpuReduced, clusterId, primary, advertise, config, noWorker,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
            if (result.GetValue(config) is { } extra)
            {
                if (!File.Exists(extra))
                {
                    throw new CliException($"--config {extra}: no such file", CliException.BadConfiguration);
                }

                builder.Configuration.AddJsonFile(Path.GetFullPath(extra), optional: false);
            }

            var hosting = builder.Configuration.GetSection(SiloHostingOptions.Section).Get<SiloHostingOptions>() ?? new SiloHostingOptions();
            hosting.Redis = result.GetValue(redis) ?? hosting.Redis;
            hosting.SiloPort = result.GetValue(siloPort) ?? hosting.SiloPort;
            hosting.GatewayPort = result.GetValue(gatewayPort) ?? hosting.GatewayPort;
            hosting.ClusterId = result.GetValue(clusterId) ?? hosting.ClusterId;
            hosting.PrimarySilo = result.GetValue(primary) ?? hosting.PrimarySilo;
            hosting.AdvertisedAddress = result.GetValue(advertise) ?? hosting.AdvertisedAddress;
            Validate(hosting);
            var port = result.GetValue(httpPort) ?? builder.Configuration.GetValue<int?>("Lamdas:HttpPort") ?? 8080;

            // Before anything starts: a taken port found once the silo has joined would tear it down noisily.
            EnsureFree(port, "HTTP port (--http-port)");
            EnsureFree(hosting.SiloPort, "silo port (--silo-port)");
            EnsureFree(hosting.GatewayPort, "gateway port (--gateway-port)");

            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
            // Logging:Console:FormatterName=json (or Logging__Console__FormatterName=json) writes one JSON object per line.
            builder.Logging.AddServeFilters();
            builder.Host.UseOrleans(silo => silo.AddLamdasCluster(hosting, o =>
            {
                builder.Configuration.GetSection(LamdasClusterOptions.Section).Bind(o);
                o.Device = result.GetValue(device) ?? o.Device;
                o.DType = result.GetValue(dtype) ?? o.DType;
                o.Threads = result.GetValue(threads) ?? o.Threads;
                o.ScoreStore = result.GetValue(scoreStore) ?? o.ScoreStore;
                o.AllowCpuReducedPrecision = o.AllowCpuReducedPrecision || result.GetValue(allowCpuReduced);
                o.Worker = o.Worker && !result.GetValue(noWorker);
            }));
            builder.Services.AddLamdasApi(builder.Configuration);
            builder.Services.AddLamdasTelemetry(builder.Configuration, $"{System.Net.Dns.GetHostName()}:{hosting.SiloPort}");

            await using var app = builder.Build();
            app.MapLamdasApi();
            app.MapLamdasMetrics();
            try
            {
                var effective = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LamdasClusterOptions>>().Value;
                app.Logger.LogInformation("Lamdas silo: {Hosting}; http port {Port}; worker {Worker} on {Device} in {DType} with {Threads} CPU threads; lease {Lease}s, {Partitions} aggregator partitions",
                    hosting.Describe(), port, effective.Worker, effective.Device, effective.DType,
                    effective.Threads > 0 ? effective.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all",
                    effective.LeaseDuration.TotalSeconds, effective.AggregatorPartitions);
                await app.StartAsync(cancellation);
            }
            catch (Exception e) when (StartFailure(e, port, hosting) is { } failure)
            {
                throw failure;
            }

            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }

    private static void Validate(SiloHostingOptions hosting)
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(hosting, new(hosting), problems, validateAllProperties: true))
        {
            throw new CliException("invalid silo settings: " + string.Join("; ", problems.Select(p => p.ErrorMessage)), CliException.BadConfiguration);
        }
    }

    private static void EnsureFree(int port, string what)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, port);
        try
        {
            probe.Start();
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode is System.Net.Sockets.SocketError.AddressAlreadyInUse or System.Net.Sockets.SocketError.AccessDenied)
        {
            throw new CliException($"{what} {port} is not available: {e.Message}", CliException.BadConfiguration);
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>A start that failed for a reason of configuration, as one line with exit code 2; null for anything else.</summary>
    private static CliException? StartFailure(Exception e, int httpPort, SiloHostingOptions hosting)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case Microsoft.Extensions.Options.OptionsValidationException invalid:
                    return new CliException("invalid configuration: " + string.Join("; ", invalid.Failures), CliException.BadConfiguration);
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }:
                    return new CliException(
                        $"a port this silo needs is already in use (http {httpPort}, silo {hosting.SiloPort}, gateway {hosting.GatewayPort}): {inner.Message}",
                        CliException.BadConfiguration);
            }
        }

        return null;
    }
}
