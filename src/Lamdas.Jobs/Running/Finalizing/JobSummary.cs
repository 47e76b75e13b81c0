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

    /// <summary>Documents the LLM scored (all of them without a cascade).</summary>
    public long ModelDocuments => shards.Sum(s => s.ModelDocuments ?? s.Documents);

    /// <summary>Tokens the LLM read in each of its passes (all scored tokens without a cascade).</summary>
    public long ModelTokens => shards.Sum(s => s.ModelTokens ?? s.Tokens);

    /// <summary>A cascade job's figures: its pilot's, and the documents and tokens the first stage held back.</summary>
    public JsonObject? CascadeJson() => provenance.Cascade is not { } pilot ? null : new JsonObject
    {
        ["method"] = pilot.Method,
        ["target_recall"] = pilot.TargetRecall,
        ["confidence"] = pilot.Confidence,
        ["cut"] = pilot.Cut,
        ["pilot_documents"] = pilot.Documents,
        ["pilot_kept"] = pilot.Kept,
        ["pilot_pass_rate"] = pilot.PassRate,
        ["pilot_rounds"] = pilot.Rounds,
        ["recall"] = pilot.Recall,
        ["recall_lower"] = pilot.RecallLower,
        ["note"] = pilot.Note,
        ["candidate_tokens_per_document"] = pilot.CandidateTokensPerDocument,
        ["scored_tokens_per_document"] = pilot.ScoredTokensPerDocument,
        ["model_documents"] = ModelDocuments,
        ["model_tokens"] = ModelTokens,
        ["pass_rate"] = Documents == 0 ? 1.0 : (double)ModelDocuments / Documents,
        ["documents_saved"] = Documents - ModelDocuments,
        ["tokens_saved"] = Tokens - ModelTokens,
    };

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
            ["cascade"] = CascadeJson(),
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
                model_documents = s.ModelDocuments,
                model_tokens = s.ModelTokens,
                files = s.Files,
            })),
        };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
