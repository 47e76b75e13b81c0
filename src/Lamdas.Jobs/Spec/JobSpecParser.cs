using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Engine.Scoring;
using YamlDotNet.Core;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Reads a job specification from YAML or JSON and validates all of it before any work starts, reporting every
/// problem at once with its path.
/// </summary>
public static class JobSpecParser
{
    private static readonly string[] TopLevel =
    [
        "name", "model", "prefix", "input", "record", "method", "selection", "output", "output_format", "max_tokens",
        "batch_tokens", "window_tokens", "shard_size_mb", "max_bad_fraction", "seed", "reference", "baseline_sample", "device", "threads",
    ];

    private static readonly string[] OutputFormats = ["jsonl", "jsonl.gz", "jsonl.zst", "parquet"];

    public static JobSpec ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new JobSpecException([$"job file '{path}' does not exist"]);
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses YAML or JSON text; relative local paths in it are relative to the working directory.</summary>
    public static JobSpec Parse(string text)
    {
        JsonNode? root;
        try
        {
            root = YamlToJson.Convert(text);
        }
        catch (YamlException e)
        {
            throw new JobSpecException([$"not valid YAML/JSON: {e.Message}"]);
        }

        if (root is not JsonObject obj)
        {
            throw new JobSpecException(["the job specification must be a mapping (YAML) or an object (JSON)"]);
        }

        return Validate(obj);
    }

    public static JobSpec FromJson(JsonObject obj) => Validate(obj);

    public static string ToJson(JobSpec spec) => JsonSerializer.Serialize(spec, JobSpecJson.Options);

    /// <summary>Reads back the canonical JSON of <see cref="ToJson"/> (a spec that was validated when it was parsed).</summary>
    public static JobSpec FromCanonicalJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<JobSpec>(json, JobSpecJson.Options)
                ?? throw new JobSpecException(["the specification is empty"]);
        }
        catch (JsonException e)
        {
            throw new JobSpecException([$"not a canonical job specification: {e.Message}"]);
        }
    }

    private static JobSpec Validate(JsonObject obj)
    {
        var p = new Problems();
        foreach (var key in obj.Select(kv => kv.Key).Where(k => !TopLevel.Contains(k)))
        {
            p.Add(key, "is not a known field");
        }

        var name = p.String(obj, "name", required: true);
        if (name is not null && (name.Length == 0 || name.Length > 128 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            p.Add("name", "must be 1-128 characters of letters, digits, '-', '_' or '.'");
        }

        var method = ParseMethod(p, p.String(obj, "method") ?? "lamdas");
        var model = p.String(obj, "model");
        if (model is null && method is SelectionMethod.Lamdas or SelectionMethod.Ppl)
        {
            p.Add("model", $"is required for method {Lower(method)}");
        }

        var input = p.String(obj, "input", required: true);
        var output = p.String(obj, "output", required: true);
        var record = ParseRecord(p, obj["record"]);
        var selection = ParseSelection(p, obj["selection"], method);
        var prefix = ParsePrefix(p, obj["prefix"], method);
        var reference = p.String(obj, "reference");
        if (method is SelectionMethod.Dsir or SelectionMethod.TfIdf && reference is null && prefix?.Reference is null)
        {
            p.Add("reference", $"is required for method {Lower(method)} (or give prefix.reference)");
        }

        var outputFormat = p.String(obj, "output_format");
        if (outputFormat is not null && outputFormat != "same" && !OutputFormats.Contains(outputFormat))
        {
            p.Add("output_format", $"must be one of same, {string.Join(", ", OutputFormats)}");
        }

        var maxTokens = p.Int(obj, "max_tokens") ?? 1024;
        p.Check(maxTokens > 0, "max_tokens", "must be > 0");
        var batchTokens = p.Int(obj, "batch_tokens") ?? 8192;
        p.Check(batchTokens > 0, "batch_tokens", "must be > 0");
        // Unset, the default window applies where documents can be longer than it.
        var windowTokens = p.Int(obj, "window_tokens") ?? ScoringOptions.DefaultWindowFor(maxTokens);
        p.Check(ScoringOptions.IsValidWindow(windowTokens, maxTokens), "window_tokens",
            $"must be 0 (whole context only) or between 1 and max_tokens − 1 ({maxTokens - 1})");
        var shardMb = p.Double(obj, "shard_size_mb") ?? 64;
        p.Check(shardMb > 0, "shard_size_mb", "must be > 0");
        var maxBad = p.Double(obj, "max_bad_fraction") ?? 0.01;
        p.Check(maxBad is >= 0 and <= 1, "max_bad_fraction", "must be between 0 and 1");
        var sample = p.Int(obj, "baseline_sample") ?? 20000;
        p.Check(sample > 0, "baseline_sample", "must be > 0");
        var threads = p.Int(obj, "threads") ?? 0;
        p.Check(threads >= 0, "threads", "must be ≥ 0");
        var device = p.String(obj, "device");
        p.Check(device is null or "cpu" || device.StartsWith("cuda", StringComparison.Ordinal), "device", "must be cpu, cuda or cuda:N");

        p.ThrowIfAny();
        return new JobSpec
        {
            Name = name!,
            Model = model,
            Prefix = prefix,
            Input = input!,
            Record = record!,
            Method = method,
            Selection = selection!,
            Output = output!,
            OutputFormat = outputFormat == "same" ? null : outputFormat,
            MaxTokens = maxTokens,
            BatchTokens = batchTokens,
            WindowTokens = windowTokens,
            ShardBytes = (long)(shardMb * 1024 * 1024),
            MaxBadFraction = maxBad,
            Seed = p.Long(obj, "seed") ?? 0,
            Reference = reference,
            BaselineSample = sample,
            Device = device,
            Threads = threads,
        };
    }

    private static string Lower(SelectionMethod m) => m == SelectionMethod.TfIdf ? "tfidf" : m.ToString().ToLowerInvariant();

    private static SelectionMethod ParseMethod(Problems p, string value)
    {
        switch (value)
        {
            case "lamdas": return SelectionMethod.Lamdas;
            case "ppl": return SelectionMethod.Ppl;
            case "dsir": return SelectionMethod.Dsir;
            case "tfidf": return SelectionMethod.TfIdf;
            case "random": return SelectionMethod.Random;
            default:
                p.Add("method", $"'{value}' is not one of lamdas, ppl, dsir, tfidf, random");
                return SelectionMethod.Lamdas;
        }
    }

    private static RecordSpec? ParseRecord(Problems p, JsonNode? node)
    {
        if (node is null)
        {
            return new RecordSpec { Text = "text" };
        }

        if (node is not JsonObject obj)
        {
            p.Add("record", "must be a mapping like { id: id, text: text }");
            return null;
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("id" or "text" or "prompt" or "response" or "score")))
        {
            p.Add($"record.{key}", "is not a known field (id, text, prompt, response, score)");
        }

        var id = p.String(obj, "id", "record.id") ?? "id";
        var text = p.String(obj, "text", "record.text");
        var prompt = p.String(obj, "prompt", "record.prompt");
        var response = p.String(obj, "response", "record.response");
        var score = p.String(obj, "score", "record.score") ?? "full";
        if (text is not null && (prompt is not null || response is not null))
        {
            p.Add("record", "give either text, or prompt and response (SFT), not both");
        }

        if ((prompt is null) != (response is null))
        {
            p.Add(prompt is null ? "record.prompt" : "record.response", "SFT records need both prompt and response");
        }

        if (score is not ("full" or "response"))
        {
            p.Add("record.score", "must be full or response");
        }
        else if (score == "response" && prompt is null)
        {
            p.Add("record.score", "response scoring needs record.prompt and record.response");
        }

        return new RecordSpec
        {
            Id = id,
            Text = text ?? (prompt is null ? "text" : null),
            Prompt = prompt,
            Response = response,
            Score = score == "response" ? SftScoring.Response : SftScoring.Full,
        };
    }

    private static SelectionSpec? ParseSelection(Problems p, JsonNode? node, SelectionMethod method)
    {
        if (node is null)
        {
            if (method != SelectionMethod.Lamdas)
            {
                p.Add("selection", $"is required for method {Lower(method)} (threshold with selection.threshold, or top-fraction)");
            }

            return new SelectionSpec();
        }

        if (node is not JsonObject obj)
        {
            p.Add("selection", "must be a mapping like { mode: threshold, tau: 1.0 }");
            return null;
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("mode" or "tau" or "threshold" or "fraction")))
        {
            p.Add($"selection.{key}", "is not a known field (mode, tau, threshold, fraction)");
        }

        var mode = p.String(obj, "mode", "selection.mode") ?? "threshold";
        var tau = p.Double(obj, "tau", "selection.tau");
        var threshold = p.Double(obj, "threshold", "selection.threshold");
        var fraction = p.Double(obj, "fraction", "selection.fraction");
        switch (mode)
        {
            case "threshold":
                if (method == SelectionMethod.Lamdas)
                {
                    p.Check(tau is null || tau > 0, "selection.tau", "must be > 0");
                    p.Check(threshold is null, "selection.threshold", "is for baselines; lamdas uses selection.tau");
                }
                else
                {
                    p.Check(threshold is not null, "selection.threshold", $"is required in threshold mode for method {Lower(method)}");
                    p.Check(tau is null, "selection.tau", "only applies to method lamdas");
                }

                p.Check(fraction is null, "selection.fraction", "only applies to mode top-fraction");
                return new SelectionSpec { Mode = SelectionMode.Threshold, Tau = tau ?? 1.0, Threshold = threshold };
            case "top-fraction":
                p.Check(fraction is > 0 and <= 1, "selection.fraction", "must be in (0, 1]");
                p.Check(tau is null && threshold is null, "selection", "top-fraction takes only selection.fraction");
                return new SelectionSpec { Mode = SelectionMode.TopFraction, Fraction = fraction ?? 0 };
            default:
                p.Add("selection.mode", $"'{mode}' is not threshold or top-fraction");
                return null;
        }
    }

    private static PrefixSpec? ParsePrefix(Problems p, JsonNode? node, SelectionMethod method)
    {
        if (node is null)
        {
            if (method == SelectionMethod.Lamdas)
            {
                p.Add("prefix", "is required for method lamdas (prefix.reference to train one, or prefix.path)");
            }

            return null;
        }

        if (node is not JsonObject obj)
        {
            p.Add("prefix", "must be a mapping with reference or path");
            return null;
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("reference" or "path" or "length" or "epochs" or "lr" or "contrast" or "background")))
        {
            p.Add($"prefix.{key}", "is not a known field (reference, path, length, epochs, lr, contrast, background)");
        }

        var reference = p.String(obj, "reference", "prefix.reference");
        var path = p.String(obj, "path", "prefix.path");
        if ((reference is null) == (path is null))
        {
            p.Add("prefix", "give exactly one of prefix.reference (train) or prefix.path (existing prefix)");
        }

        var length = p.Int(obj, "length", "prefix.length") ?? 30;
        p.Check(length > 0, "prefix.length", "must be > 0");
        var epochs = p.Int(obj, "epochs", "prefix.epochs");
        p.Check(epochs is null or > 0, "prefix.epochs", "must be > 0");
        var lr = p.Double(obj, "lr", "prefix.lr");
        p.Check(lr is null or > 0, "prefix.lr", "must be > 0");
        var contrast = p.Double(obj, "contrast", "prefix.contrast");
        p.Check(contrast is null or >= 0, "prefix.contrast", "must be >= 0");
        var background = p.Int(obj, "background", "prefix.background");
        p.Check(background is null or > 0, "prefix.background", "must be > 0");
        return new PrefixSpec
        {
            Reference = reference, Path = path, Length = length, Epochs = epochs, LearningRate = lr, Contrast = contrast, Background = background,
        };
    }
}
