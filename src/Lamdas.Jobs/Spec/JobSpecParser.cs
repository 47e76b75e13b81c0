using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Formats;
using Lamdas.Storage;

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
        "dtype", "cascade", "cache", "domains", "priority",
    ];

    private static readonly string[] OutputFormats = ["jsonl", "jsonl.gz", "jsonl.zst", "parquet"];

    private static readonly SpecLimits Defaults = new();

    /// <summary>Reads and validates the job file at <paramref name="path"/> (see <see cref="Parse"/>).</summary>
    public static JobSpec ParseFile(string path, SpecLimits? limits = null)
    {
        if (!File.Exists(path))
        {
            throw new JobSpecException([$"job file '{path}' does not exist"]);
        }

        limits = Checked(limits);
        var length = new FileInfo(path).Length;
        if (length > limits.MaxSpecBytes)
        {
            throw new JobSpecException([TooLarge(length, limits.MaxSpecBytes)]);
        }

        return Parse(File.ReadAllText(path), limits);
    }

    /// <summary>
    /// Parses YAML or JSON text; relative local paths in it are relative to the working directory. Every problem,
    /// including a text outside <paramref name="limits"/> (null: the defaults of <see cref="SpecLimits"/>), is reported
    /// in one <see cref="JobSpecException"/>.
    /// </summary>
    public static JobSpec Parse(string text, SpecLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits = Checked(limits);
        if (text.Length > limits.MaxSpecBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxSpecBytes)
        {
            throw new JobSpecException([TooLarge(Encoding.UTF8.GetByteCount(text), limits.MaxSpecBytes)]);
        }

        var p = new Problems();
        var root = YamlToJson.Convert(text, limits, p);
        if (root is not JsonObject obj)
        {
            p.Add("", "must be a mapping (YAML) or an object (JSON)");
            p.ThrowIfAny();
            throw new UnreachableException();
        }

        return Validate(obj, limits, p);
    }

    /// <summary>Validates a specification given as a JSON object, within <paramref name="limits"/> (null: the defaults).</summary>
    public static JobSpec FromJson(JsonObject obj, SpecLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Validate(obj, Checked(limits), new Problems());
    }

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

    private static SpecLimits Checked(SpecLimits? limits)
    {
        if (limits is null)
        {
            return Defaults;
        }

        limits.EnsureValid();
        return limits;
    }

    private static string TooLarge(long bytes, int max) =>
        $"the job specification is {bytes} bytes; at most {max} bytes are allowed";

    private static JobSpec Validate(JsonObject obj, SpecLimits limits, Problems p)
    {
        SpecTree.Check(obj, limits, p);
        foreach (var key in obj.Select(kv => kv.Key).Where(k => !TopLevel.Contains(k)))
        {
            p.Add(SpecText.Child("", key), "is not a known field");
        }

        var name = p.String(obj, "name", required: true);
        if (name is not null && (name.Length > 128 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            p.Add("name", "must be 1-128 characters of letters, digits, '-', '_' or '.'");
        }

        var method = ParseMethod(p, p.String(obj, "method") ?? "lamdas");
        var model = p.String(obj, "model");
        if (model is null && !p.Has("model") && method is SelectionMethod.Lamdas or SelectionMethod.Ppl)
        {
            p.Add("model", $"is required for method {Lower(method)}");
        }

        var input = p.String(obj, "input", required: true);
        CheckReadable(p, "input", input);
        var output = p.String(obj, "output", required: true);
        var record = ParseRecord(p, obj["record"]);
        var selection = ParseSelection(p, obj["selection"], method);
        var domains = ParseDomains(p, obj["domains"], method, limits);
        var prefix = domains is null || obj["prefix"] is not null ? ParsePrefix(p, "prefix", obj["prefix"], method, limits) : null;
        if (domains is not null && obj["prefix"] is not null)
        {
            p.Add("domains", "give prefix: (one domain) or domains: (several), not both");
        }

        var reference = p.String(obj, "reference");
        CheckReadable(p, "reference", reference);
        if (domains is not null && reference is not null)
        {
            p.Add("reference", "applies to a job of one domain; with domains:, each domain's reference set is its prefix.reference");
        }
        if (method is SelectionMethod.Dsir or SelectionMethod.TfIdf && reference is null && prefix?.Reference is null
            && !p.Has("reference") && !p.Has("prefix.reference"))
        {
            p.Add("reference", $"is required for method {Lower(method)} (or give prefix.reference)");
        }

        var outputFormat = p.String(obj, "output_format");
        if (outputFormat is not null && outputFormat != "same" && !OutputFormats.Contains(outputFormat))
        {
            p.Add("output_format", $"must be one of same, {string.Join(", ", OutputFormats)} (found {SpecText.Quote(outputFormat)})");
        }

        var maxTokens = p.Int(obj, "max_tokens", "max_tokens", 1, limits.MaxTokens) ?? JobSpec.DefaultMaxTokens;
        // A batch always takes at least one document, so batch_tokens below max_tokens only scores long documents one at a time.
        var batchTokens = p.Int(obj, "batch_tokens", "batch_tokens", 1, limits.MaxBatchTokens) ?? 8192;
        // Unset, the default window applies where documents can be longer than it.
        var window = p.Long(obj, "window_tokens");
        var windowTokens = window is null ? WindowDefaults.For(maxTokens) : (int)Math.Clamp(window.Value, -1, int.MaxValue);
        if (window is not null && !p.Has("max_tokens") && !WindowDefaults.IsValid(windowTokens, maxTokens))
        {
            p.Add("window_tokens", $"must be 0 (whole context only) or between 1 and max_tokens − 1 ({maxTokens - 1}) (found {SpecText.Number(window.Value)})");
        }

        var shardMb = p.Number(obj, "shard_size_mb", "shard_size_mb", limits.MinShardSizeMb, false, limits.MaxShardSizeMb, false) ?? 64;
        var maxBad = p.Number(obj, "max_bad_fraction", "max_bad_fraction", 0, false, 1, false) ?? 0.01;
        var seed = p.Long(obj, "seed") ?? 0;
        var sample = p.Int(obj, "baseline_sample", "baseline_sample", 1, limits.MaxBaselineSample) ?? 20000;
        var threads = p.Int(obj, "threads", "threads", 0, limits.MaxThreads) ?? 0;
        var device = p.String(obj, "device");
        if (device is not null && !IsDevice(device, limits.MaxCudaDevice))
        {
            p.Add("device", $"must be cpu, cuda or cuda:N with N between 0 and {limits.MaxCudaDevice} (found {SpecText.Quote(device)})");
        }

        var dtypeName = p.String(obj, "dtype") ?? "auto";
        if (!ComputeDTypes.TryParse(dtypeName, out var dtype))
        {
            p.Add("dtype", $"must be one of {string.Join(", ", ComputeDTypes.Names)} (found {SpecText.Quote(dtypeName)})");
        }

        var cascade = ParseCascade(p, obj["cascade"], method, reference ?? prefix?.Reference ?? domains?.Select(d => d.Prefix.Reference).FirstOrDefault(r => r is not null), limits);
        var cache = ParseCache(p, obj["cache"], method);
        var priority = p.Int(obj, "priority", "priority", JobSpec.MinPriority, JobSpec.MaxPriority) ?? 0;
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
            Seed = seed,
            Reference = reference,
            BaselineSample = sample,
            Device = device,
            Threads = threads,
            DType = dtype,
            Cascade = cascade,
            Cache = cache,
            Domains = domains,
            Priority = priority,
        };
    }

    /// <summary><c>cache:</c> — absent: the host's score store; <c>false</c>/<c>off</c>: none; a URI or <c>{ path: URI }</c>: that store.</summary>
    private static CacheSpec? ParseCache(Problems p, JsonNode? node, SelectionMethod method)
    {
        if (node is null)
        {
            return null;
        }

        if (method is not (SelectionMethod.Lamdas or SelectionMethod.Ppl))
        {
            p.Add("cache", $"keeps model passes, so it only applies to methods lamdas and ppl (found method {Lower(method)})");
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            if (flag)
            {
                p.Add("cache", "true names no store: give its folder (cache: az://container/lamdas-store) or false");
                return null;
            }

            return CacheSpec.Off;
        }

        if (SpecText.TryGetString(node, out var word) && Switch(word, out var on))
        {
            if (on)
            {
                p.Add("cache", "on names no store: give its folder (cache: az://container/lamdas-store) or off");
                return null;
            }

            return CacheSpec.Off;
        }

        if (SpecText.TryGetString(node, out var uri))
        {
            node = new JsonObject { ["path"] = uri };
        }

        if (node is not JsonObject obj)
        {
            p.Add("cache", "must be false (off), a store folder, or a mapping like { path: az://container/lamdas-store }");
            return null;
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k != "path"))
        {
            p.Add(SpecText.Child("cache", key), "is not a known field (path)");
        }

        var path = p.String(obj, "path", "cache.path", required: true);
        return path is null ? null : new CacheSpec { Path = path };
    }

    /// <summary><c>domains:</c> — a mapping of domain name to prefix (the fields of <c>prefix:</c>).</summary>
    private static List<DomainSpec>? ParseDomains(Problems p, JsonNode? node, SelectionMethod method, SpecLimits limits)
    {
        if (node is null)
        {
            return null;
        }

        if (method != SelectionMethod.Lamdas)
        {
            p.Add("domains", $"only applies to method lamdas (found method {Lower(method)})");
            return null;
        }

        if (node is not JsonObject obj || obj.Count == 0)
        {
            p.Add("domains", "must be a mapping of domain name to prefix, like { python: { reference: refs/python.jsonl }, go: { path: prefixes/go } }");
            return null;
        }

        if (obj.Count > limits.MaxDomains)
        {
            p.Add("domains", $"may name at most {limits.MaxDomains} domains (found {obj.Count})");
            return null;
        }

        var domains = new List<DomainSpec>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in obj)
        {
            var path = SpecText.Child("domains", name);
            if (name.Length is 0 or > 64 || name[0] is '_' or '.' || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                p.Add(path, "a domain name is its output folder: 1-64 letters, digits, '-', '_' or '.', not starting with '_' or '.'");
                continue;
            }

            if (!seen.Add(name))
            {
                p.Add(path, "names the same output folder as another domain (names differ only in case)");
                continue;
            }

            if (ParsePrefix(p, path, value, method, limits) is { } prefix)
            {
                domains.Add(new DomainSpec { Name = name, Prefix = prefix });
            }
        }

        return domains;
    }

    /// <summary>
    /// <c>cascade:</c> — absent: on for lamdas jobs with a reference set (its defaults); <c>false</c>/<c>off</c>: off;
    /// <c>dsir</c>/<c>tfidf</c>: on with that first stage; a mapping: method, recall, confidence, pilot, max_pilot.
    /// </summary>
    private static CascadeSpec? ParseCascade(Problems p, JsonNode? node, SelectionMethod method, string? reference, SpecLimits limits)
    {
        if (node is null)
        {
            return method == SelectionMethod.Lamdas && reference is not null ? new CascadeSpec() : null;
        }

        if (node is JsonValue value && (value.TryGetValue<bool>(out var flag) || (SpecText.TryGetString(node, out var word) && Switch(word, out flag))))
        {
            if (!flag)
            {
                return null;
            }

            node = new JsonObject();
        }
        else if (SpecText.TryGetString(node, out var named))
        {
            node = new JsonObject { ["method"] = named };
        }

        if (node is not JsonObject obj)
        {
            p.Add("cascade", "must be false (off), a first-stage method (dsir, tfidf) or a mapping like { method: dsir, recall: 0.9 }");
            return null;
        }

        if (method != SelectionMethod.Lamdas)
        {
            p.Add("cascade", $"only applies to method lamdas (found method {Lower(method)})");
            return null;
        }

        if (reference is null && !p.Has("reference") && !p.Has("prefix.reference"))
        {
            p.Add("cascade", "needs a reference set to fit its first stage: give reference: (or train the prefix from prefix.reference)");
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("method" or "recall" or "confidence" or "pilot" or "max_pilot")))
        {
            p.Add(SpecText.Child("cascade", key), "is not a known field (method, recall, confidence, pilot, max_pilot)");
        }

        var stage = p.String(obj, "method", "cascade.method") ?? "dsir";
        if (stage is not ("dsir" or "tfidf"))
        {
            p.Add("cascade.method", $"must be dsir or tfidf (found {SpecText.Quote(stage)})");
        }

        var recall = p.Number(obj, "recall", "cascade.recall", 0, true, 1, true) ?? CascadeSpec.DefaultRecall;
        var confidence = p.Number(obj, "confidence", "cascade.confidence", 0.5, false, 1, true) ?? 0.95;
        var pilot = p.Int(obj, "pilot", "cascade.pilot", 1, limits.MaxBaselineSample) ?? CascadeSpec.DefaultPilotDocuments;
        var maxPilot = p.Int(obj, "max_pilot", "cascade.max_pilot", 1, limits.MaxBaselineSample) ?? Math.Max(pilot, CascadeSpec.DefaultMaxPilotDocuments);
        if (maxPilot < pilot && !p.Has("cascade.pilot") && !p.Has("cascade.max_pilot"))
        {
            p.Add("cascade.max_pilot", $"must be at least cascade.pilot ({pilot}) (found {maxPilot})");
        }

        return new CascadeSpec
        {
            Method = stage == "tfidf" ? SelectionMethod.TfIdf : SelectionMethod.Dsir,
            Recall = recall,
            Confidence = confidence,
            PilotDocuments = pilot,
            MaxPilotDocuments = maxPilot,
        };
    }

    private static bool Switch(string word, out bool on)
    {
        on = word is "on" or "true" or "yes";
        return on || word is "off" or "false" or "no" or "none";
    }

    /// <summary>cpu, cuda, or cuda:N with N written plainly (no sign, no leading zero) and at most <paramref name="maxIndex"/>.</summary>
    private static bool IsDevice(string device, int maxIndex)
    {
        if (device is "cpu" or "cuda")
        {
            return true;
        }

        if (!device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = device.AsSpan(5);
        return digits.Length is > 0 and <= 4
            && !(digits.Length > 1 && digits[0] == '0')
            && !digits.ContainsAnyExceptInRange('0', '9')
            && int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) <= maxIndex;
    }

    /// <summary>Refuses an input or reference whose name ends in an extension no readable record format has.</summary>
    private static void CheckReadable(Problems p, string path, string? uri)
    {
        if (uri is not null && !RecordFormats.CanBeReadable(uri))
        {
            p.Add(path, $"names files that cannot be read (found {SpecText.Quote(StorageUri.FileName(uri))}): record files end in {string.Join(", ", RecordFormats.ReadableExtensions)}");
        }
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
                p.Add("method", $"'{SpecText.Clip(value)}' is not one of lamdas, ppl, dsir, tfidf, random");
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
            p.Add(SpecText.Child("record", key), "is not a known field (id, text, prompt, response, score)");
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
            p.Add("record.score", $"must be full or response (found {SpecText.Quote(score)})");
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
            p.Add(SpecText.Child("selection", key), "is not a known field (mode, tau, threshold, fraction)");
        }

        var mode = p.String(obj, "mode", "selection.mode") ?? "threshold";
        var tau = p.Number(obj, "tau", "selection.tau");
        var threshold = p.Number(obj, "threshold", "selection.threshold");
        var fraction = p.Number(obj, "fraction", "selection.fraction");
        switch (mode)
        {
            case "threshold":
                if (method == SelectionMethod.Lamdas)
                {
                    p.Check(tau is null || tau > 0, "selection.tau", $"must be > 0 (found {SpecText.Number(tau ?? 0)})");
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
                if (fraction is null)
                {
                    p.Add("selection.fraction", "is required in mode top-fraction: a number in (0, 1]");
                }
                else
                {
                    p.Check(fraction is > 0 and <= 1, "selection.fraction", $"must be in (0, 1] (found {SpecText.Number(fraction.Value)})");
                }

                p.Check(tau is null && threshold is null, "selection", "top-fraction takes only selection.fraction");
                return new SelectionSpec { Mode = SelectionMode.TopFraction, Fraction = fraction ?? 0 };
            default:
                p.Add("selection.mode", $"'{SpecText.Clip(mode)}' is not threshold or top-fraction");
                return null;
        }
    }

    private static PrefixSpec? ParsePrefix(Problems p, string at, JsonNode? node, SelectionMethod method, SpecLimits limits)
    {
        if (node is null)
        {
            if (method == SelectionMethod.Lamdas)
            {
                p.Add(at, "is required for method lamdas (prefix.reference to train one, or prefix.path)");
            }

            return null;
        }

        if (node is not JsonObject obj)
        {
            p.Add(at, "must be a mapping with reference or path");
            return null;
        }

        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("reference" or "path" or "length" or "epochs" or "lr" or "contrast" or "background")))
        {
            p.Add(SpecText.Child(at, key), "is not a known field (reference, path, length, epochs, lr, contrast, background)");
        }

        var reference = p.String(obj, "reference", $"{at}.reference");
        CheckReadable(p, $"{at}.reference", reference);
        var path = p.String(obj, "path", $"{at}.path");
        if ((reference is null) == (path is null) && !p.Has($"{at}.reference") && !p.Has($"{at}.path"))
        {
            p.Add(at, $"give exactly one of {at}.reference (train) or {at}.path (existing prefix)");
        }

        var length = p.Int(obj, "length", $"{at}.length", 1, limits.MaxPrefixLength) ?? 30;
        var epochs = p.Int(obj, "epochs", $"{at}.epochs", 1, limits.MaxEpochs);
        var lr = p.Number(obj, "lr", $"{at}.lr", 0, true, limits.MaxLearningRate, false);
        var contrast = p.Number(obj, "contrast", $"{at}.contrast", 0, false, limits.MaxContrast, false);
        var background = p.Int(obj, "background", $"{at}.background", 1, limits.MaxBackground);
        return new PrefixSpec
        {
            Reference = reference,
            Path = path,
            Length = length,
            Epochs = epochs,
            LearningRate = lr,
            Contrast = contrast,
            Background = background,
        };
    }
}
