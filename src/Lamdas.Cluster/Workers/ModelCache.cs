using System.Collections.Concurrent;
using Lamdas.Engine;
using Lamdas.Engine.Model;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>The silo's frozen models, loaded once on the worker's device and shared by every job that uses them.</summary>
internal sealed class ModelCache(string device, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, LanguageModel> _models = new(StringComparer.Ordinal);

    /// <summary>The model directories loaded, in order.</summary>
    public IReadOnlyList<string> Loaded => _models.Keys.Order(StringComparer.Ordinal).ToList();

    public long ParameterBytes => _models.Values.Sum(m => m.ParameterBytes);

    /// <summary>The model in <paramref name="directory"/>, loaded on the worker's device the first time it is asked for.</summary>
    public LanguageModel Load(string directory, EngineOptions requested) =>
        _models.GetOrAdd(directory, d =>
        {
            var model = LanguageModel.Load(d, requested with { Device = device });
            WorkerLog.ModelLoaded(logger, d, device);
            return model;
        });

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Clear();
    }
}
