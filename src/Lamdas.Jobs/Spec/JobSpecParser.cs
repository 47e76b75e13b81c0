using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lamdas.Formats;
using Lamdas.Jobs.Spec.Schema;
using Lamdas.Storage;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Reads a job specification from YAML or JSON and validates all of it before any work starts, reporting every
/// problem at once with its path.
/// </summary>
/// <remarks>
/// The fields, their words, bounds and defaults come from <see cref="JobSpecFields"/>, which the published JSON Schema
/// (<see cref="JobSpecSchema"/>) is generated from too.
/// </remarks>
public static partial class JobSpecParser
{
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
        p.UnknownFields(obj, JobSpecFields.Job, "", listKnown: false);

        var name = p.String(obj, "name", required: true);
        if (name is not null && !NameRegex().IsMatch(name))
        {
            p.Add("name", "must be 1-128 characters of letters, digits, '-', '_' or '.'");
        }

        var method = ParseMethod(p, p.String(obj, "method") ?? SpecDefaults.Method);
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
        if (outputFormat is not null && !JobSpecFields.OutputFormats.Contains(outputFormat))
        {
            p.Add("output_format", $"must be one of {string.Join(", ", JobSpecFields.OutputFormats)} (found {SpecText.Quote(outputFormat)})");
        }

        var maxTokens = p.Int(obj, JobSpecFields.MaxTokens, "max_tokens", limits) ?? JobSpec.DefaultMaxTokens;
        // A batch always takes at least one document, so batch_tokens below max_tokens only scores long documents one at a time.
        var batchTokens = p.Int(obj, JobSpecFields.BatchTokens, "batch_tokens", limits) ?? SpecDefaults.BatchTokens;
        // Unset, the default window applies where documents can be longer than it.
        var window = p.Long(obj, "window_tokens");
        var windowTokens = window is null ? WindowDefaults.For(maxTokens) : (int)Math.Clamp(window.Value, -1, int.MaxValue);
        if (window is not null && !p.Has("max_tokens") && !WindowDefaults.IsValid(windowTokens, maxTokens))
        {
            p.Add("window_tokens", $"must be 0 (whole context only) or between 1 and max_tokens − 1 ({maxTokens - 1}) (found {SpecText.Number(window.Value)})");
        }

        var shardMb = p.Number(obj, JobSpecFields.ShardSizeMb, "shard_size_mb", limits) ?? SpecDefaults.ShardSizeMb;
        var maxBad = p.Number(obj, JobSpecFields.MaxBadFraction, "max_bad_fraction", limits) ?? SpecDefaults.MaxBadFraction;
        var seed = p.Long(obj, JobSpecFields.Seed, "seed", limits) ?? SpecDefaults.Seed;
        var sample = p.Int(obj, JobSpecFields.BaselineSample, "baseline_sample", limits) ?? SpecDefaults.BaselineSample;
        var threads = p.Int(obj, JobSpecFields.Threads, "threads", limits) ?? SpecDefaults.Threads;
        var device = p.String(obj, "device");
        if (device is not null && !IsDevice(device, limits.MaxCudaDevice))
        {
            p.Add("device", $"must be cpu, cuda or cuda:N with N between 0 and {limits.MaxCudaDevice} (found {SpecText.Quote(device)})");
        }

        var dtypeName = p.String(obj, "dtype") ?? SpecDefaults.DType;
        if (!ComputeDTypes.TryParse(dtypeName, out var dtype))
        {
            p.Add("dtype", $"must be one of {string.Join(", ", ComputeDTypes.Names)} (found {SpecText.Quote(dtypeName)})");
        }

        var cascade = ParseCascade(p, obj["cascade"], method, reference ?? prefix?.Reference ?? domains?.Select(d => d.Prefix.Reference).FirstOrDefault(r => r is not null), limits);
        var cache = ParseCache(p, obj["cache"], method);
        var priority = p.Int(obj, JobSpecFields.Priority, "priority", limits) ?? SpecDefaults.Priority;
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
            OutputFormat = outputFormat == SpecDefaults.OutputFormat ? null : outputFormat,
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

        p.UnknownFields(obj, JobSpecFields.CacheSettings, "cache");

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

        var maxDomains = ((SpecMapValue)JobSpecFields.Domains.Value).MaximumEntries(limits);
        if (obj.Count > maxDomains)
        {
            p.Add("domains", $"may name at most {maxDomains} domains (found {obj.Count})");
            return null;
        }

        var domains = new List<DomainSpec>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in obj)
        {
            var path = SpecText.Child("domains", name);
            if (!DomainNameRegex().IsMatch(name))
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

        p.UnknownFields(obj, JobSpecFields.CascadeSettings, "cascade");

        var stage = p.String(obj, "method", "cascade.method") ?? SpecDefaults.CascadeMethod;
        if (!JobSpecFields.CascadeMethods.Contains(stage))
        {
            p.Add("cascade.method", $"must be {string.Join(" or ", JobSpecFields.CascadeMethods)} (found {SpecText.Quote(stage)})");
        }

        var recall = p.Number(obj, JobSpecFields.CascadeRecall, "cascade.recall", limits) ?? CascadeSpec.DefaultRecall;
        var confidence = p.Number(obj, JobSpecFields.CascadeConfidence, "cascade.confidence", limits) ?? SpecDefaults.CascadeConfidence;
        var pilot = p.Int(obj, JobSpecFields.CascadePilot, "cascade.pilot", limits) ?? CascadeSpec.DefaultPilotDocuments;
        var maxPilot = p.Int(obj, JobSpecFields.CascadeMaxPilot, "cascade.max_pilot", limits) ?? Math.Max(pilot, CascadeSpec.DefaultMaxPilotDocuments);
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
        on = JobSpecFields.SwitchOn.Contains(word);
        return on || JobSpecFields.SwitchOff.Contains(word);
    }

    /// <summary>cpu, cuda, or cuda:N with N written plainly (no sign, no leading zero) and at most <paramref name="maxIndex"/>.</summary>
    private static bool IsDevice(string device, int maxIndex) =>
        DeviceRegex().IsMatch(device)
        && (!device.StartsWith("cuda:", StringComparison.Ordinal) || int.Parse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture) <= maxIndex);

    [GeneratedRegex(JobSpecFields.NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex(JobSpecFields.DomainNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex DomainNameRegex();

    [GeneratedRegex(JobSpecFields.DevicePattern, RegexOptions.CultureInvariant)]
    private static partial Regex DeviceRegex();

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
        // JobSpecFields.Methods lists the names in the order of SelectionMethod.
        var index = JobSpecFields.Methods.ToList().IndexOf(value);
        if (index < 0)
        {
            p.Add("method", $"'{SpecText.Clip(value)}' is not one of {string.Join(", ", JobSpecFields.Methods)}");
            return SelectionMethod.Lamdas;
        }

        return (SelectionMethod)index;
    }

    private static RecordSpec? ParseRecord(Problems p, JsonNode? node)
    {
        if (node is null)
        {
            return new RecordSpec { Id = SpecDefaults.RecordId, Text = SpecDefaults.RecordText };
        }

        if (node is not JsonObject obj)
        {
            p.Add("record", "must be a mapping like { id: id, text: text }");
            return null;
        }

        p.UnknownFields(obj, JobSpecFields.Record, "record");

        var id = p.String(obj, "id", "record.id") ?? SpecDefaults.RecordId;
        var text = p.String(obj, "text", "record.text");
        var prompt = p.String(obj, "prompt", "record.prompt");
        var response = p.String(obj, "response", "record.response");
        var score = p.String(obj, "score", "record.score") ?? SpecDefaults.RecordScore;
        if (text is not null && (prompt is not null || response is not null))
        {
            p.Add("record", "give either text, or prompt and response (SFT), not both");
        }

        if ((prompt is null) != (response is null))
        {
            p.Add(prompt is null ? "record.prompt" : "record.response", "SFT records need both prompt and response");
        }

        if (!JobSpecFields.RecordScores.Contains(score))
        {
            p.Add("record.score", $"must be {string.Join(" or ", JobSpecFields.RecordScores)} (found {SpecText.Quote(score)})");
        }
        else if (score == "response" && prompt is null)
        {
            p.Add("record.score", "response scoring needs record.prompt and record.response");
        }

        return new RecordSpec
        {
            Id = id,
            Text = text ?? (prompt is null ? SpecDefaults.RecordText : null),
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

        p.UnknownFields(obj, JobSpecFields.Selection, "selection");

        var mode = p.String(obj, "mode", "selection.mode") ?? SpecDefaults.SelectionMode;
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
                return new SelectionSpec { Mode = SelectionMode.Threshold, Tau = tau ?? SpecDefaults.Tau, Threshold = threshold };
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

        p.UnknownFields(obj, JobSpecFields.Prefix, at);

        var reference = p.String(obj, "reference", $"{at}.reference");
        CheckReadable(p, $"{at}.reference", reference);
        var path = p.String(obj, "path", $"{at}.path");
        if ((reference is null) == (path is null) && !p.Has($"{at}.reference") && !p.Has($"{at}.path"))
        {
            p.Add(at, $"give exactly one of {at}.reference (train) or {at}.path (existing prefix)");
        }

        var length = p.Int(obj, JobSpecFields.PrefixLength, $"{at}.length", limits) ?? SpecDefaults.PrefixLength;
        var epochs = p.Int(obj, JobSpecFields.PrefixEpochs, $"{at}.epochs", limits);
        var lr = p.Number(obj, JobSpecFields.PrefixLearningRate, $"{at}.lr", limits);
        var contrast = p.Number(obj, JobSpecFields.PrefixContrast, $"{at}.contrast", limits);
        var background = p.Int(obj, JobSpecFields.PrefixBackground, $"{at}.background", limits);
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
