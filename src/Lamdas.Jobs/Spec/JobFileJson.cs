using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Writes a validated <see cref="JobSpec"/> back as a job-file JSON document (the fields a YAML job file has): the
/// inverse of <see cref="JobSpecParser.Parse"/>, and what the cluster API accepts (<c>lamdas submit</c> sends it). The
/// result is checked to parse back into the same spec. <see cref="JobSpecParser.ToJson"/> is the other JSON form, the
/// canonical one of manifests and grain state (every field, <c>shard_bytes</c> rather than <c>shard_size_mb</c>), which
/// the job-file parser does not take.
/// </summary>
public static class JobFileJson
{
    public static string Write(JobSpec spec)
    {
        var obj = new JsonObject
        {
            ["name"] = spec.Name,
            ["method"] = Method(spec.Method),
            ["input"] = spec.Input,
            ["output"] = spec.Output,
            ["record"] = Record(spec.Record),
            ["selection"] = Selection(spec),
            ["max_tokens"] = spec.MaxTokens,
            ["batch_tokens"] = spec.BatchTokens,
            ["window_tokens"] = spec.WindowTokens,
            ["shard_size_mb"] = spec.ShardBytes / (1024.0 * 1024.0),
            ["max_bad_fraction"] = spec.MaxBadFraction,
            ["seed"] = spec.Seed,
            ["baseline_sample"] = spec.BaselineSample,
            ["threads"] = spec.Threads,
        };
        Optional(obj, "model", spec.Model);
        Optional(obj, "reference", spec.Reference);
        Optional(obj, "output_format", spec.OutputFormat);
        Optional(obj, "device", spec.Device);
        Optional(obj, "dtype", spec.DType == ComputeDType.Auto ? null : spec.DType.Name());
        if (spec.Priority != 0)
        {
            obj["priority"] = spec.Priority;
        }

        if (spec.Prefix is { } prefix)
        {
            obj["prefix"] = Prefix(prefix);
        }

        if (spec.Domains is { } domains)
        {
            var node = new JsonObject();
            foreach (var domain in domains)
            {
                node[domain.Name] = Prefix(domain.Prefix);
            }

            obj["domains"] = node;
        }

        if (spec.Cache is { } cache)
        {
            obj["cache"] = cache.Enabled ? new JsonObject { ["path"] = cache.Path } : false;
        }

        if (spec.Cascade is { } cascade)
        {
            obj["cascade"] = new JsonObject
            {
                ["method"] = Method(cascade.Method),
                ["recall"] = cascade.Recall,
                ["confidence"] = cascade.Confidence,
                ["pilot"] = cascade.PilotDocuments,
                ["max_pilot"] = cascade.MaxPilotDocuments,
            };
        }
        else if (spec.Method == SelectionMethod.Lamdas)
        {
            obj["cascade"] = false;
        }

        var json = obj.ToJsonString();
        // Priority is left out of the canonical JSON (it changes scheduling, not the result): it is compared on its own.
        var back = JobSpecParser.Parse(json);
        if (JobSpecParser.ToJson(back) != JobSpecParser.ToJson(spec) || back.Priority != spec.Priority)
        {
            throw new JobSpecException(["internal error: the job specification does not survive conversion to job-file JSON; please report this"]);
        }

        return json;
    }

    private static JsonObject Prefix(PrefixSpec prefix)
    {
        var node = new JsonObject { ["length"] = prefix.Length };
        Optional(node, "reference", prefix.Reference);
        Optional(node, "path", prefix.Path);
        if (prefix.Epochs is { } epochs)
        {
            node["epochs"] = epochs;
        }

        if (prefix.LearningRate is { } lr)
        {
            node["lr"] = lr;
        }

        if (prefix.Contrast is { } contrast)
        {
            node["contrast"] = contrast;
        }

        if (prefix.Background is { } background)
        {
            node["background"] = background;
        }

        return node;
    }

    private static JsonObject Record(RecordSpec record)
    {
        var node = new JsonObject { ["id"] = record.Id };
        Optional(node, "text", record.Text);
        Optional(node, "prompt", record.Prompt);
        Optional(node, "response", record.Response);
        if (record.IsSft)
        {
            node["score"] = record.Score == SftScoring.Response ? "response" : "full";
        }

        return node;
    }

    private static JsonObject Selection(JobSpec spec) => spec.Selection.Mode switch
    {
        SelectionMode.TopFraction => new JsonObject { ["mode"] = "top-fraction", ["fraction"] = spec.Selection.Fraction },
        _ when spec.Method == SelectionMethod.Lamdas => new JsonObject { ["mode"] = "threshold", ["tau"] = spec.Selection.Tau },
        _ => new JsonObject { ["mode"] = "threshold", ["threshold"] = spec.Selection.Threshold },
    };

    private static string Method(SelectionMethod method) => method switch
    {
        SelectionMethod.TfIdf => "tfidf",
        _ => method.ToString().ToLowerInvariant(),
    };

    private static void Optional(JsonObject obj, string key, string? value)
    {
        if (value is not null)
        {
            obj[key] = value;
        }
    }
}
