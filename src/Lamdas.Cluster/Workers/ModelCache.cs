using System.Collections.Concurrent;
using Lamdas.Engine;
using Lamdas.Engine.Model;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The silo's frozen models, loaded once on the worker's device and shared by every job that uses them. A model is
/// held once per compute dtype: the job's own dtype when it names one, else the silo's <paramref name="dtype"/>. Every
/// model computes with the silo's <paramref name="threads"/> CPU threads (0: libtorch's default), whatever a job asks.
/// </summary>
internal sealed class ModelCache(string device, string dtype, bool allowCpuReducedPrecision, int threads, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Directory, string DType), LanguageModel> _models = new();

    /// <summary>The model directories loaded, in order (a directory loaded in two dtypes once per dtype).</summary>
    public IReadOnlyList<string> Loaded => _models.Keys.Select(k => k.Directory).Order(StringComparer.Ordinal).ToList();

    public long ParameterBytes => _models.Values.Sum(m => m.ParameterBytes);

    /// <summary>The model in <paramref name="directory"/>, loaded on the worker's device the first time it is asked for in its dtype.</summary>
    public LanguageModel Load(string directory, EngineOptions requested)
    {
        var options = requested with
        {
            Device = device,
            DType = EngineOptions.PreferDType(requested.DType, dtype),
            AllowCpuReducedPrecision = requested.AllowCpuReducedPrecision || allowCpuReducedPrecision,
            Threads = threads,
        };
        var effective = EngineOptions.EffectiveDType(options.DType, device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase));
        return _models.GetOrAdd((directory, effective), key =>
        {
            var model = LanguageModel.Load(key.Directory, options);
            WorkerLog.ModelLoaded(logger, key.Directory, device, key.DType, model.Threads);
            return model;
        });
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Clear();
    }
}
