using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Running;

/// <summary>Totals and provenance of a finished job; renders manifest.json.</summary>
public sealed class JobSummary(JobSpec spec, string specJson, JobProvenance provenance, IReadOnlyList<ShardResult> shards,
    double? topFractionCutOff, double badFraction, bool succeeded)
{
    public JobSpec Spec => spec;

    public IReadOnlyList<ShardResult> Shards => shards;

    public long Documents => shards.Sum(s => s.Documents);

    public long Selected => shards.Sum(s => s.Selected);

    public long Quarantined => shards.Sum(s => s.Quarantined);

    public long Tokens => shards.Sum(s => s.Tokens);

    public double? TopFractionCutOff => topFractionCutOff;

    public JobProvenance Provenance => provenance;

    public bool Succeeded => succeeded;

    public double BadFraction => badFraction;

    public string ManifestJson()
    {
        var manifest = new JsonObject
        {
            ["format_version"] = 1,
            ["status"] = succeeded ? "succeeded" : "failed: too many malformed records",
            ["spec"] = JsonNode.Parse(specJson),
            ["selection_rule"] = spec.Selection.Describe(spec.Method),
            ["top_fraction_cut_off"] = topFractionCutOff,
            ["model"] = provenance.Model is { } m ? new JsonObject
            {
                ["source"] = m,
                ["fingerprint"] = provenance.ModelFingerprint,
                ["architecture"] = provenance.Architecture,
            } : null,
            ["prefix"] = provenance.PrefixFingerprint is null ? null : new JsonObject
            {
                ["fingerprint"] = provenance.PrefixFingerprint,
                ["length"] = provenance.PrefixMetadata?.Length,
                ["validation_nll_base"] = provenance.PrefixMetadata?.ValidationNllBase,
                ["validation_nll_prefix"] = provenance.PrefixMetadata?.ValidationNllPrefix,
            },
            ["totals"] = new JsonObject
            {
                ["shards"] = shards.Count,
                ["documents"] = Documents,
                ["selected"] = Selected,
                ["quarantined"] = Quarantined,
                ["tokens"] = Tokens,
                ["bad_fraction"] = badFraction,
            },
            ["shards"] = JsonSerializer.SerializeToNode(shards.Select(s => new
            {
                index = s.Index,
                source = s.Source,
                start = s.Start,
                end = s.End,
                row_group = s.RowGroup,
                documents = s.Documents,
                selected = s.Selected,
                quarantined = s.Quarantined,
                tokens = s.Tokens,
                files = s.Files,
            })),
        };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
