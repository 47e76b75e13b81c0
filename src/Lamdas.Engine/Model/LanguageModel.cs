using System.Security.Cryptography;
using Lamdas.Engine.Modules;
using Lamdas.SafeTensors;
using Lamdas.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Lamdas.Engine.Model;

/// <summary>A frozen Hugging Face-layout causal LM with its tokenizer, ready to compute log-likelihoods.</summary>
public sealed class LanguageModel : IDisposable
{
    private readonly Lazy<string> _fingerprint;
    private readonly Lock _rotaryGate = new();
    private Tensor? _cosTable;
    private Tensor? _sinTable;

    private LanguageModel(string directory, ModelConfig config, ITextTokenizer tokenizer, CausalLm network, Device device, ScalarType dtype,
        int threads)
    {
        Threads = threads;
        Directory = directory;
        Config = config;
        Tokenizer = tokenizer;
        Network = network;
        Device = device;
        DType = dtype;
        _fingerprint = new Lazy<string>(() => ComputeFingerprint(directory));
    }

    public string Directory { get; }

    /// <summary>
    /// The CPU threads this model computes with (<see cref="EngineOptions.Threads"/>, or libtorch's default for 0),
    /// applied on the computing thread before every batch (<see cref="TorchRuntime"/>).
    /// </summary>
    public int Threads { get; }

    public ModelConfig Config { get; }

    public ITextTokenizer Tokenizer { get; }

    public Device Device { get; }

    public ScalarType DType { get; }

    /// <summary>sha256 over config.json and the weight files: identifies the base model a prefix belongs to.</summary>
    public string Fingerprint => _fingerprint.Value;

    internal CausalLm Network { get; }

    /// <summary>Bytes held by the model's weights on its device.</summary>
    public long ParameterBytes => Network.parameters().Sum(p => p.numel() * p.element_size());

    /// <summary>Number of weights in the matrix multiplications per token (embeddings lookup excluded, lm_head included).</summary>
    public long MatmulParameters
    {
        get
        {
            var c = Config;
            long attention = (long)c.HiddenSize * c.HeadDim * (2L * c.NumAttentionHeads + 2L * c.NumKeyValueHeads);
            long mlp = 3L * c.HiddenSize * c.IntermediateSize;
            return (c.NumHiddenLayers * (attention + mlp)) + ((long)c.VocabSize * c.HiddenSize);
        }
    }

    public static LanguageModel Load(string directory, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        if (!System.IO.Directory.Exists(directory))
        {
            throw new EngineException($"model directory '{directory}' does not exist");
        }

        var threads = TorchRuntime.Resolve(options.Threads);
        TorchRuntime.Apply(threads);
        var device = options.ResolveDevice();
        var dtype = options.ResolveDType(device);
        var config = ModelConfig.Load(directory);
        ITextTokenizer tokenizer;
        try
        {
            tokenizer = TokenizerLoader.Load(directory);
        }
        catch (TokenizerException e)
        {
            throw new EngineException(e.Message, e);
        }

        if (tokenizer.VocabularySize > config.VocabSize)
        {
            throw new EngineException($"{directory}: the tokenizer has {tokenizer.VocabularySize} ids but config.json vocab_size is {config.VocabSize}");
        }

        var network = new CausalLm(config);
        try
        {
            using (var checkpoint = SafeTensorCheckpoint.Open(directory))
            {
                WeightLoader.Load(network, checkpoint);
            }

            foreach (var p in network.parameters())
            {
                p.requires_grad = false;
            }

            network.eval();
            if (device.type != DeviceType.CPU || dtype != ScalarType.Float32)
            {
                network.to(dtype);
                network.to(device);
            }

            return new LanguageModel(directory, config, tokenizer, network, device, dtype, threads);
        }
        catch (SafeTensorsException e)
        {
            network.Dispose();
            throw new EngineException(e.Message, e);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Rotary cos/sin rows for positions start … start+count−1 (views of a cached table).</summary>
    internal (Tensor Cos, Tensor Sin) RotaryTables(long start, long count)
    {
        lock (_rotaryGate)
        {
            var needed = start + count;
            if (_cosTable is null || _cosTable.shape[0] < needed)
            {
                _cosTable?.Dispose();
                _sinTable?.Dispose();
                var size = Math.Max(needed, 2048);
                using var normalTensors = inference_mode(false);
                var (cos, sin) = Rotary.Tables(Config.HeadDim, Config.RopeTheta, 0, size, Device, DType);
                _cosTable = cos.DetachFromDisposeScope();
                _sinTable = sin.DetachFromDisposeScope();
            }

            return (_cosTable.narrow(0, start, count), _sinTable!.narrow(0, start, count));
        }
    }

    /// <summary>Wraps a network being trained (parameters keep their gradients) so the scoring code can run it.</summary>
    internal static LanguageModel ForTraining(string directory, ModelConfig config, ITextTokenizer tokenizer, CausalLm network, int threads) =>
        new(directory, config, tokenizer, network, CPU, ScalarType.Float32, TorchRuntime.Resolve(threads));

    public void Dispose()
    {
        _cosTable?.Dispose();
        _sinTable?.Dispose();
        Network.Dispose();
    }

    private static string ComputeFingerprint(string directory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = new List<string> { System.IO.Path.Combine(directory, "config.json") };
        files.AddRange(System.IO.Directory.GetFiles(directory, "*.safetensors").Order(StringComparer.Ordinal));
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(file) + "\n"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
