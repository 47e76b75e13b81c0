using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>Consistency of a docker-compose file with the repository: build contexts, Dockerfiles, mounts, health checks.</summary>
public static class ComposeChecks
{
    public static IReadOnlyList<string> Problems(string composePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(composePath))!;
        var root = Yaml.LoadMapping(File.ReadAllText(composePath));
        var problems = new List<string>();
        if (root.Get("services") is not YamlMappingNode services || services.Children.Count == 0)
        {
            return ["no services"];
        }

        var names = services.Children.Keys.Select(k => k.Text()!).ToHashSet(StringComparer.Ordinal);
        var volumes = (root.Get("volumes") as YamlMappingNode)?.Children.Keys.Select(k => k.Text()!).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (key, node) in services.Children)
        {
            var name = key.Text()!;
            problems.AddRange(Build(name, node, folder));
            problems.AddRange(Mounts(name, node, folder, volumes));
            problems.AddRange(References(name, node, names));
            problems.AddRange(HealthCheck(name, node));
        }

        return problems;
    }

    private static IEnumerable<string> Build(string name, YamlNode service, string folder)
    {
        var build = service.Get("build");
        if (build is null)
        {
            if (service.Get("image") is null)
            {
                yield return $"{name}: neither build nor image";
            }

            yield break;
        }

        var context = build is YamlScalarNode s ? s.Value! : build.Get("context").Text() ?? ".";
        var contextPath = Path.GetFullPath(Path.Combine(folder, context));
        if (!Directory.Exists(contextPath))
        {
            yield return $"{name}: build context {context} does not exist";
            yield break;
        }

        var dockerfile = build.Get("dockerfile").Text() ?? "Dockerfile";
        if (!File.Exists(Path.Combine(contextPath, dockerfile)))
        {
            yield return $"{name}: Dockerfile {dockerfile} does not exist in {context}";
        }
    }

    private static IEnumerable<string> Mounts(string name, YamlNode service, string folder, IReadOnlySet<string> volumes)
    {
        if (service.Get("volumes") is not YamlSequenceNode mounts)
        {
            yield break;
        }

        foreach (var mount in mounts.Children)
        {
            var source = mount is YamlScalarNode s ? s.Value!.Split(':')[0] : mount.Get("source").Text() ?? "";
            if (source.StartsWith('.') || source.StartsWith('/'))
            {
                if (!File.Exists(Path.Combine(folder, source)) && !Directory.Exists(Path.Combine(folder, source)))
                {
                    yield return $"{name}: bind mount source {source} does not exist";
                }
            }
            else if (!volumes.Contains(source))
            {
                yield return $"{name}: volume {source} is not declared under volumes";
            }
        }
    }

    private static IEnumerable<string> References(string name, YamlNode service, IReadOnlySet<string> names)
    {
        var dependsOn = service.Get("depends_on") switch
        {
            YamlMappingNode map => map.Children.Keys.Select(k => k.Text()!),
            YamlSequenceNode seq => seq.Children.Select(c => c.Text()!),
            _ => [],
        };
        foreach (var dependency in dependsOn.Where(d => !names.Contains(d)))
        {
            yield return $"{name}: depends on unknown service {dependency}";
        }

        if (service.Get("network_mode").Text() is { } mode && mode.StartsWith("service:", StringComparison.Ordinal) && !names.Contains(mode["service:".Length..]))
        {
            yield return $"{name}: network_mode names unknown service {mode}";
        }
    }

    /// <summary>Every long-running service has a health check; only one-shot services (in a profile) may disable it.</summary>
    private static IEnumerable<string> HealthCheck(string name, YamlNode service)
    {
        var health = service.Get("healthcheck");
        var disabled = health.Get("disable").Text() == "true";
        var oneShot = service.Get("profiles") is YamlSequenceNode { Children.Count: > 0 };
        if (health is null || (disabled && !oneShot) || (!disabled && health.Get("test") is null))
        {
            yield return $"{name}: no health check";
        }
    }
}
