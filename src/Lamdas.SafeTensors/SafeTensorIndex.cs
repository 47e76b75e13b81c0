using System.Text.Json;

namespace Lamdas.SafeTensors;

/// <summary>The <c>weight_map</c> of a <c>model.safetensors.index.json</c> file.</summary>
internal static class SafeTensorIndex
{
    /// <summary>Tensor name to shard file name, in index order.</summary>
    public static List<KeyValuePair<string, string>> ReadWeightMap(string indexPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(indexPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException($"Cannot read safetensors index '{indexPath}': {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsException($"Invalid safetensors index '{indexPath}': not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("weight_map", out JsonElement weightMap)
                || weightMap.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsException($"Invalid safetensors index '{indexPath}': missing object 'weight_map'.");
            }

            var entries = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty entry in weightMap.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(entry.Value.GetString()))
                {
                    throw new SafeTensorsException($"Invalid safetensors index '{indexPath}': weight_map entry '{entry.Name}' must name a shard file.");
                }

                if (!seen.Add(entry.Name))
                {
                    throw new SafeTensorsException($"Invalid safetensors index '{indexPath}': tensor '{entry.Name}' appears more than once in weight_map.");
                }

                entries.Add(new KeyValuePair<string, string>(entry.Name, entry.Value.GetString()!));
            }

            return entries;
        }
    }
}
