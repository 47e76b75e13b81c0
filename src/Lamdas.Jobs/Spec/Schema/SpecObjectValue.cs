namespace Lamdas.Jobs.Spec.Schema;

/// <summary>A mapping with the fields of <see cref="Fields"/> and no others.</summary>
public sealed record SpecObjectValue : SpecValue
{
    /// <summary>The name the schema gives it among its definitions (<c>$defs</c>, or the OpenAPI document's components).</summary>
    public required string Definition { get; init; }

    public required IReadOnlyList<SpecField> Fields { get; init; }

    /// <summary>Fields that must be given.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Fields of which exactly one must be given (none: no such rule).</summary>
    public IReadOnlyList<string> ExactlyOne { get; init; } = [];

    /// <summary>The field names, in the order they are listed in messages.</summary>
    public IReadOnlyList<string> Names => [.. Fields.Select(f => f.Name)];

    public bool Has(string name) => Fields.Any(f => f.Name == name);

    /// <summary>The names as a message lists them: <c>a, b, c</c>.</summary>
    public string NameList => string.Join(", ", Fields.Select(f => f.Name));
}
