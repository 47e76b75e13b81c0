using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec.Schema;

/// <summary>A field of a job-spec mapping: its name, the shape of its value, what it means and its default.</summary>
/// <param name="Name">The key in the job file.</param>
/// <param name="Value">The value's shape and bounds.</param>
/// <param name="Description">What the field does, for a person writing a job file.</param>
public sealed record SpecField(string Name, SpecValue Value, string Description)
{
    /// <summary>The value a spec that leaves the field out gets, where it is a constant; null: none or one that depends on other fields.</summary>
    public JsonNode? Default { get; init; }

    /// <summary><see cref="Value"/> as an integer (the parser reads it with these bounds).</summary>
    public SpecIntegerValue IntegerRange => Value as SpecIntegerValue ?? throw new InvalidOperationException($"{Name} is not an integer field");

    /// <summary><see cref="Value"/> as a number (the parser reads it with these bounds).</summary>
    public SpecNumberValue NumberRange => Value as SpecNumberValue ?? throw new InvalidOperationException($"{Name} is not a number field");

    /// <summary><see cref="Value"/> as a string.</summary>
    public SpecStringValue Text => Value as SpecStringValue ?? throw new InvalidOperationException($"{Name} is not a string field");
}
