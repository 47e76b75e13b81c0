using System.Text.Json.Nodes;
using Lamdas.Jobs.Spec.Schema;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Collects validation problems with their paths while reading typed fields. A path whose value was refused while the
/// document was read (an alias, a non-finite number, an over-long string) is <em>settled</em>: the typed readers treat
/// it as absent and report nothing more about it. At most <see cref="MaxListed"/> problems are listed; the rest are
/// counted.
/// </summary>
internal sealed class Problems
{
    /// <summary>Problems listed in a <see cref="JobSpecException"/>; further ones are only counted.</summary>
    public const int MaxListed = 100;

    private readonly List<string> _items = [];
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private int _unlisted;

    /// <summary>Problems found so far.</summary>
    public int Count => _items.Count + _unlisted;

    /// <summary>Adds a problem at <paramref name="path"/> ("" for the document as a whole: "the job specification …") unless the path is settled.</summary>
    public void Add(string path, string message)
    {
        if (!_settled.Contains(path))
        {
            Record(path, message);
        }
    }

    /// <summary>Adds a problem with the value at <paramref name="path"/> and settles the path.</summary>
    public void Refuse(string path, string message)
    {
        if (_settled.Add(path))
        {
            Record(path, message);
        }
    }

    /// <summary>True once any problem names <paramref name="path"/>.</summary>
    public bool Has(string path) => _reported.Contains(path);

    public void Check(bool ok, string path, string message)
    {
        if (!ok)
        {
            Add(path, message);
        }
    }

    public void ThrowIfAny()
    {
        if (Count > 0)
        {
            throw new JobSpecException(_unlisted == 0 ? [.. _items] : [.. _items, $"… and {_unlisted} more problems"]);
        }
    }

    /// <summary>A string field: non-empty text without control characters (its length is bounded by <see cref="SpecTree"/>).</summary>
    public string? String(JsonObject obj, string key, string? path = null, bool required = false)
    {
        path ??= key;
        if (_settled.Contains(path))
        {
            return null;
        }

        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Add(path, "is required");
            }

            return null;
        }

        if (!SpecText.TryGetString(node, out var value))
        {
            Add(path, SpecText.IsString(node) ? "must be valid Unicode text" : $"must be a string (found {SpecText.Describe(node)})");
            return null;
        }

        if (value.Length == 0)
        {
            Add(path, "must not be empty");
            return null;
        }

        var control = SpecText.ControlCharacter(value);
        if (control >= 0)
        {
            Add(path, $"must not contain control characters (found U+{(int)value[control]:X4} at character {control + 1})");
            return null;
        }

        return value;
    }

    /// <summary>A finite number, or null when absent or refused.</summary>
    public double? Number(JsonObject obj, string key, string? path = null)
    {
        path ??= key;
        if (_settled.Contains(path))
        {
            return null;
        }

        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (!SpecText.TryGetNumber(node, out var value))
        {
            Add(path, $"must be a number (found {SpecText.Describe(node)})");
            return null;
        }

        if (!double.IsFinite(value))
        {
            Add(path, $"must be a finite number (found {SpecText.Describe(node)})");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A number in the interval from <paramref name="min"/> to <paramref name="max"/> (each end open or closed); the
    /// value is returned even when out of range (the problem is recorded), null when absent or not a finite number.
    /// </summary>
    public double? Number(JsonObject obj, string key, string path, double min, bool minOpen, double max, bool maxOpen)
    {
        var value = Number(obj, key, path);
        if (value is { } v && (v < min || (minOpen && v <= min) || v > max || (maxOpen && v >= max)))
        {
            Add(path, $"must be {Interval(min, minOpen, max, maxOpen)} (found {SpecText.Number(v)})");
        }

        return value;
    }

    /// <summary>An integer that fits a long, read exactly; null when absent or refused.</summary>
    public long? Long(JsonObject obj, string key, string? path = null)
    {
        path ??= key;
        if (_settled.Contains(path))
        {
            return null;
        }

        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (SpecText.TryGetExactInteger(node, out var exact))
        {
            return exact;
        }

        if (!SpecText.TryGetNumber(node, out var value))
        {
            Add(path, $"must be an integer (found {SpecText.Describe(node)})");
            return null;
        }

        if (!double.IsFinite(value) || value != Math.Floor(value))
        {
            Add(path, $"must be an integer (found {SpecText.Describe(node)})");
            return null;
        }

        // 2^63 is exactly representable; every double below it in magnitude converts without overflow.
        if (value is < -9223372036854775808.0 or >= 9223372036854775808.0)
        {
            Add(path, $"must be an integer between {SpecText.Number(long.MinValue)} and {SpecText.Number(long.MaxValue)} (found {SpecText.Describe(node)})");
            return null;
        }

        return (long)value;
    }

    /// <summary>
    /// An integer between <paramref name="min"/> and <paramref name="max"/>; the value is returned even when out of
    /// range (the problem is recorded), null when absent or not an integer.
    /// </summary>
    public long? Long(JsonObject obj, string key, string path, long min, long max)
    {
        var value = Long(obj, key, path);
        if (value is { } v && (v < min || v > max))
        {
            Add(path, $"must be between {SpecText.Number(min)} and {SpecText.Number(max)} (found {SpecText.Number(v)})");
        }

        return value;
    }

    /// <summary>An integer between <paramref name="min"/> and <paramref name="max"/> (both within int); null when absent, not an integer or out of range.</summary>
    public int? Int(JsonObject obj, string key, string path, int min, int max)
    {
        var value = Long(obj, key, path, min, max);
        return value is { } v && v >= min && v <= max ? (int)v : null;
    }

    /// <summary>The integer <paramref name="field"/> of <paramref name="obj"/> within its bounds in <see cref="JobSpecFields"/>, read like <see cref="Int(JsonObject, string, string, int, int)"/>.</summary>
    public int? Int(JsonObject obj, SpecField field, string path, SpecLimits limits)
    {
        var range = field.IntegerRange;
        return Int(obj, field.Name, path, (int)Math.Max(range.Minimum(limits), int.MinValue), (int)Math.Min(range.Maximum(limits), int.MaxValue));
    }

    /// <summary>The integer <paramref name="field"/> of <paramref name="obj"/> within its bounds in <see cref="JobSpecFields"/>, read like <see cref="Long(JsonObject, string, string, long, long)"/>.</summary>
    public long? Long(JsonObject obj, SpecField field, string path, SpecLimits limits)
    {
        var range = field.IntegerRange;
        return Long(obj, field.Name, path, range.Minimum(limits), range.Maximum(limits));
    }

    /// <summary>The number <paramref name="field"/> of <paramref name="obj"/> within its bounds in <see cref="JobSpecFields"/> (none: any finite number).</summary>
    public double? Number(JsonObject obj, SpecField field, string path, SpecLimits limits)
    {
        var range = field.NumberRange;
        if (range.Minimum is null && range.Maximum is null)
        {
            return Number(obj, field.Name, path);
        }

        return Number(
            obj,
            field.Name,
            path,
            range.Minimum?.Invoke(limits) ?? double.NegativeInfinity,
            range.MinimumOpen,
            range.Maximum?.Invoke(limits) ?? double.PositiveInfinity,
            range.MaximumOpen);
    }

    /// <summary>Reports every key of <paramref name="obj"/> that is not a field of <paramref name="shape"/>, at its path under <paramref name="at"/>.</summary>
    public void UnknownFields(JsonObject obj, SpecObjectValue shape, string at, bool listKnown = true)
    {
        foreach (var key in obj.Select(kv => kv.Key).Where(k => !shape.Has(k)))
        {
            Add(SpecText.Child(at, key), listKnown ? $"is not a known field ({shape.NameList})" : "is not a known field");
        }
    }

    private static string Interval(double min, bool minOpen, double max, bool maxOpen)
    {
        if (double.IsPositiveInfinity(max))
        {
            return (minOpen ? "> " : "≥ ") + SpecText.Number(min);
        }

        return !minOpen && !maxOpen
            ? $"between {SpecText.Number(min)} and {SpecText.Number(max)}"
            : $"in {(minOpen ? '(' : '[')}{SpecText.Number(min)}, {SpecText.Number(max)}{(maxOpen ? ')' : ']')}";
    }

    private void Record(string path, string message)
    {
        _reported.Add(path);
        var text = path.Length == 0 ? $"the job specification {message}" : $"{path} {message}";
        if (_items.Count < MaxListed)
        {
            _items.Add(text);
        }
        else
        {
            _unlisted++;
        }
    }
}
