using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec;

/// <summary>An open mapping or list while <see cref="YamlToJson"/> reads a document (its explicit stack, instead of recursion).</summary>
internal sealed class YamlFrame
{
    /// <summary>The mapping being filled (null for a list, or when the content is being dropped).</summary>
    public JsonObject? Map { get; init; }

    /// <summary>The list being filled (null for a mapping, or when the content is being dropped).</summary>
    public JsonArray? List { get; init; }

    public required bool IsMapping { get; init; }

    /// <summary>The content is read (and checked) but not kept: a refused key, or a value whose key repeats an earlier one.</summary>
    public required bool Dropped { get; init; }

    /// <summary>This collection is itself a mapping key (refused: keys must be strings).</summary>
    public required bool IsKey { get; init; }

    public required string Path { get; init; }

    /// <summary>Mappings: the next node is a key.</summary>
    public bool ExpectKey { get; set; } = true;

    /// <summary>Mappings: the key of the value that comes next (null when that key was refused).</summary>
    public string? Key { get; set; }

    /// <summary>Mappings: the value that comes next is not kept.</summary>
    public bool DropValue { get; set; }

    /// <summary>Lists: the index of the next item.</summary>
    public int Count { get; set; }
}
