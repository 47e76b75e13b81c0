using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using static TorchSharp.torch;

namespace Lamdas.Engine.Tests;

public sealed class PrefixFileTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lamdas-prefix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void RoundTripsTensorsAndMetadata()
    {
        var model = models.Qwen2;
        var c = model.Config;
        manual_seed(3);
        var metadata = new PrefixMetadata
        {
            BaseModelFingerprint = model.Fingerprint,
            Length = 7,
            NumLayers = c.NumHiddenLayers,
            NumKeyValueHeads = c.NumKeyValueHeads,
            HeadDim = c.HeadDim,
            Seed = 42,
            Epochs = [new EpochRecord(1, 3.5, 3.25, 0.5)],
            ValidationNllBase = 4.0,
            ValidationNllPrefix = 3.25,
            ValidationHeldOut = false,
            CrossValidation = new PrefixCrossValidation(4, 16, 6.99, [6.98, 6.95, 6.97], 1),
        };
        using var prefix = new DomainPrefix(randn(c.NumHiddenLayers, c.NumKeyValueHeads, 7, c.HeadDim),
            randn(c.NumHiddenLayers, c.NumKeyValueHeads, 7, c.HeadDim), metadata);
        var dir = TempDir();
        prefix.Save(dir);

        using var loaded = DomainPrefix.Load(dir, model);
        Assert.Equal(7, loaded.Length);
        Assert.Equal(prefix.Keys.data<float>().ToArray(), loaded.Keys.data<float>().ToArray());
        Assert.Equal(prefix.Values.data<float>().ToArray(), loaded.Values.data<float>().ToArray());
        Assert.Equal(model.Fingerprint, loaded.Metadata.BaseModelFingerprint);
        Assert.Equal(42, loaded.Metadata.Seed);
        Assert.Equal(3.25, loaded.Metadata.Epochs.Single().ValidationNll);
        Assert.False(loaded.Metadata.ValidationHeldOut);
        Assert.Equal(1, loaded.Metadata.CrossValidation!.ChosenEpochs);
        Assert.Equal(new[] { 6.98, 6.95, 6.97 }, loaded.Metadata.CrossValidation.HeldOutNll);

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "prefix.json")))!;
        Assert.Equal(model.Fingerprint, (string?)json["base_model_fingerprint"]);
        Assert.Equal(7, (int?)json["length"]);
        Assert.False((bool?)json["validation_held_out"]);
        using var file = SafeTensors.SafeTensorFile.Open(Path.Combine(dir, "prefix.safetensors"));
        Assert.Equal(SafeTensors.SafeTensorDType.F32, file.Tensors["prefix.keys"].DType);
        Assert.Equal(new long[] { c.NumHiddenLayers, c.NumKeyValueHeads, 7, c.HeadDim }, file.Tensors["prefix.values"].Shape);
    }

    [Fact]
    public void PrefixForAnotherBaseModelIsRejected()
    {
        var model = models.Qwen2;
        var c = model.Config;
        var dir = TempDir();
        using (var prefix = new DomainPrefix(zeros(c.NumHiddenLayers, c.NumKeyValueHeads, 2, c.HeadDim),
            zeros(c.NumHiddenLayers, c.NumKeyValueHeads, 2, c.HeadDim),
            new PrefixMetadata { BaseModelFingerprint = "sha256:0000" }))
        {
            prefix.Save(dir);
        }

        var error = Assert.Throws<EngineException>(() => DomainPrefix.Load(dir, model));
        Assert.Contains("different base model", error.Message);
    }

    [Fact]
    public void PrefixWithWrongShapeIsRejected()
    {
        var dir = Path.Combine(models.Llama.Directory, "prefix-p5");
        var error = Assert.Throws<EngineException>(() => DomainPrefix.Load(dir, models.Qwen2));
        Assert.Contains("prefix.keys", error.Message);
    }

    [Fact]
    public void MissingPrefixFileIsRejected()
    {
        var error = Assert.Throws<EngineException>(() => DomainPrefix.Load(TempDir(), models.Qwen2));
        Assert.Contains("prefix.safetensors", error.Message);
    }

    [Fact]
    public void FingerprintChangesWithWeights()
    {
        var copy = TempDir();
        foreach (var file in Directory.GetFiles(models.Qwen2.Directory))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        using (var stream = new FileStream(Path.Combine(copy, "model.safetensors"), FileMode.Open))
        {
            stream.Seek(-2, SeekOrigin.End);
            stream.WriteByte(0x3F);
        }

        using var changed = LanguageModel.Load(copy);
        Assert.NotEqual(models.Qwen2.Fingerprint, changed.Fingerprint);
        Assert.StartsWith("sha256:", changed.Fingerprint);
    }
}
