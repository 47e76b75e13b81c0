using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Jobs.Spec.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of a job specification, generated from
/// <see cref="JobSpecFields"/> for given <see cref="SpecLimits"/>: docs/job-spec.schema.json (<c>lamdas spec schema</c>)
/// and the request body of <c>POST /api/v1/jobs</c> in the OpenAPI document.
/// </summary>
public static class JobSpecSchema
{
    /// <summary>The dialect of the standalone document.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Where the standalone document keeps its definitions.</summary>
    public const string DefinitionsPointer = "#/$defs/";

    /// <summary>Characters of a string (the text of a field) that are refused: C0 and C1 controls and DEL.</summary>
    private const string NoControlCharacters = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Descriptions keep their quotes, '<', '−' and '·' as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The standalone schema document, with its mappings under <c>$defs</c>.</summary>
    public static JsonObject Document(SpecLimits? limits = null)
    {
        var (root, definitions) = Build(limits ?? new SpecLimits(), DefinitionsPointer);
        var document = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = "Lamdas job specification",
        };
        foreach (var (key, value) in root)
        {
            document[key] = value?.DeepClone();
        }

        var defs = new JsonObject();
        foreach (var (name, schema) in definitions)
        {
            defs[name] = schema;
        }

        document["$defs"] = defs;
        return document;
    }

    /// <summary><see cref="Document"/> as indented JSON ending in a newline, the text of docs/job-spec.schema.json.</summary>
    public static string DocumentText(SpecLimits? limits = null) => Document(limits).ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    /// <summary>
    /// The schema of the top-level mapping and the schemas of the mappings it refers to (prefix, record, selection,
    /// cascade, cache) by name, referenced as <paramref name="definitionsPointer"/> + name (<c>#/components/schemas/</c>
    /// in an OpenAPI document). The root itself is <see cref="JobSpecFields.Job"/>'s definition.
    /// </summary>
    public static (JsonObject Root, IReadOnlyDictionary<string, JsonObject> Definitions) Build(SpecLimits limits, string definitionsPointer)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(definitionsPointer);
        limits.EnsureValid();
        var writer = new Writer(limits, definitionsPointer);
        var root = writer.ObjectSchema(JobSpecFields.Job);
        root["description"] = JobSpecFields.Job.Description
            + $" The whole text is at most {limits.MaxSpecBytes} bytes, nested at most {limits.MaxDepth} levels, with at most {limits.MaxNodes} nodes.";
        return (root, writer.Definitions);
    }

    private sealed class Writer(SpecLimits limits, string pointer)
    {
        private readonly SortedDictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, JsonObject> Definitions => _definitions;

        public JsonObject ObjectSchema(SpecObjectValue value)
        {
            var properties = new JsonObject();
            foreach (var field in value.Fields)
            {
                properties[field.Name] = Field(field);
            }

            var schema = new JsonObject { ["type"] = "object" };
            Describe(schema, value.Description);
            schema["properties"] = properties;
            if (value.Required.Count > 0)
            {
                schema["required"] = Strings(value.Required);
            }

            schema["additionalProperties"] = false;
            if (value.ExactlyOne.Count > 0)
            {
                schema["oneOf"] = new JsonArray([.. value.ExactlyOne.Select(name => (JsonNode)new JsonObject { ["required"] = Strings([name]) })]);
            }

            return schema;
        }

        private JsonObject Field(SpecField field)
        {
            var schema = Value(field.Value);
            // Beside a $ref too: 2020-12 applies a reference's sibling keywords, and the field's description is the more specific.
            schema["description"] = field.Description;

            if (field.Default is { } value)
            {
                schema["default"] = value.DeepClone();
            }

            return schema;
        }

        private JsonObject Value(SpecValue value)
        {
            switch (value)
            {
                case SpecObjectValue obj:
                    if (!_definitions.ContainsKey(obj.Definition))
                    {
                        _definitions[obj.Definition] = ObjectSchema(obj);
                    }

                    return new JsonObject { ["$ref"] = pointer + obj.Definition };
                case SpecStringValue text:
                    return StringSchema(text);
                case SpecIntegerValue integer:
                    return new JsonObject
                    {
                        ["type"] = "integer",
                        ["minimum"] = integer.Minimum(limits),
                        ["maximum"] = integer.Maximum(limits),
                    };
                case SpecNumberValue number:
                    return NumberSchema(number);
                case SpecBooleanValue flag:
                    var schema = new JsonObject { ["type"] = "boolean" };
                    if (flag.Only is { } only)
                    {
                        // enum rather than const: OpenAPI tools read const as text, and a one-word enum says the same.
                        schema["enum"] = new JsonArray(only);
                    }

                    return Describe(schema, flag.Description);
                case SpecMapValue map:
                    return new JsonObject
                    {
                        ["type"] = "object",
                        ["minProperties"] = map.MinimumEntries,
                        ["maxProperties"] = map.MaximumEntries(limits),
                        ["propertyNames"] = new JsonObject { ["pattern"] = map.KeyPattern },
                        ["additionalProperties"] = Value(map.Value),
                    };
                case SpecChoiceValue choice:
                    return new JsonObject { ["anyOf"] = new JsonArray([.. choice.Alternatives.Select(a => (JsonNode)Value(a))]) };
                default:
                    throw new InvalidOperationException($"no schema for {value.GetType().Name}");
            }
        }

        private JsonObject StringSchema(SpecStringValue text)
        {
            if (text.Words is { } words)
            {
                return Describe(new JsonObject { ["type"] = "string", ["enum"] = Strings(words) }, text.Description);
            }

            var schema = new JsonObject
            {
                ["type"] = "string",
                ["minLength"] = 1,
                ["maxLength"] = limits.MaxStringLength,
            };
            Describe(schema, text.Description);
            if (text.Pattern is { } pattern)
            {
                schema["pattern"] = pattern;
            }
            else
            {
                schema["pattern"] = NoControlCharacters;
            }

            if (text.Refused is { } refused)
            {
                schema["not"] = new JsonObject { ["enum"] = Strings(refused) };
            }

            return schema;
        }

        private JsonObject NumberSchema(SpecNumberValue number)
        {
            var schema = new JsonObject { ["type"] = "number" };
            if (number.Minimum is { } minimum)
            {
                schema[number.MinimumOpen ? "exclusiveMinimum" : "minimum"] = minimum(limits);
            }

            if (number.Maximum is { } maximum)
            {
                schema[number.MaximumOpen ? "exclusiveMaximum" : "maximum"] = maximum(limits);
            }

            return Describe(schema, number.Description);
        }

        private static JsonObject Describe(JsonObject schema, string? description)
        {
            if (description is not null)
            {
                schema["description"] = description;
            }

            return schema;
        }

        private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
    }
}
