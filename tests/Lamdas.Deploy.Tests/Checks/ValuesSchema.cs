using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>Validates a values file against a chart's values.schema.json (JSON Schema draft-07, with NJsonSchema).</summary>
public static class ValuesSchema
{
    public static async Task<IReadOnlyList<string>> ValidateAsync(string schemaJson, string valuesYaml)
    {
        var schema = await JsonSchema.FromJsonAsync(schemaJson);
        var values = Yaml.ToJson(Yaml.Load(valuesYaml));
        return Flatten(schema.Validate(values)).ToList();
    }

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return $"{error.Path}: {error.Kind}";
            }
        }
    }

    /// <summary>
    /// Object schemas that leave unknown keys open: every schema with <c>properties</c> must say
    /// <c>additionalProperties: false</c>, and every other object schema must say what its keys may hold.
    /// </summary>
    public static IReadOnlyList<string> OpenObjects(string schemaJson)
    {
        var problems = new List<string>();
        Visit(JObject.Parse(schemaJson), "#", problems);
        return problems;
    }

    private static void Visit(JObject node, string pointer, List<string> problems)
    {
        var isObject = node["type"] is JValue { Value: "object" };
        if (isObject && node["properties"] is JObject && node["additionalProperties"] is not JValue { Type: JTokenType.Boolean, Value: false })
        {
            problems.Add($"{pointer}: properties without additionalProperties: false");
        }

        if (isObject && node["properties"] is null && node["additionalProperties"] is null)
        {
            problems.Add($"{pointer}: object without properties or additionalProperties");
        }

        if (node["properties"] is JObject properties)
        {
            foreach (var property in properties.Properties())
            {
                if (property.Value is JObject child)
                {
                    Visit(child, $"{pointer}/properties/{property.Name}", problems);
                }
            }
        }

        if (node["items"] is JObject items)
        {
            Visit(items, pointer + "/items", problems);
        }

        if (node["additionalProperties"] is JObject additional)
        {
            Visit(additional, pointer + "/additionalProperties", problems);
        }
    }
}
