using System.Globalization;

namespace Lamdas.SafeTensors;

/// <summary>Hugging Face file names for safetensors checkpoints.</summary>
public static class CheckpointFileNames
{
    /// <summary>Single-file checkpoint.</summary>
    public const string SingleFile = "model.safetensors";

    /// <summary>Index of a sharded checkpoint.</summary>
    public const string Index = "model.safetensors.index.json";

    /// <summary>Name of shard <paramref name="number"/> (1-based) of <paramref name="count"/>, e.g. <c>model-00001-of-00002.safetensors</c>.</summary>
    public static string Shard(int number, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, count);
        return string.Create(CultureInfo.InvariantCulture, $"model-{number:D5}-of-{count:D5}.safetensors");
    }

    /// <summary>True for names of the form <c>model-NNNNN-of-MMMMM.safetensors</c>.</summary>
    public static bool IsShard(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        const string prefix = "model-";
        const string middle = "-of-";
        const string suffix = ".safetensors";
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> core = fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - suffix.Length);
        int split = core.IndexOf(middle, StringComparison.Ordinal);
        return split > 0
            && IsDigits(core[..split])
            && IsDigits(core[(split + middle.Length)..]);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
