using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// The dtype the model's layers compute in (<c>dtype</c> in a job file). <see cref="Auto"/> leaves it to the silo,
/// and where the silo says auto too, to the device: bfloat16 on CUDA, float32 on the CPU.
/// </summary>
[GenerateSerializer, Alias("lamdas.ComputeDType")]
public enum ComputeDType
{
    [JsonStringEnumMemberName("auto")]
    Auto,

    [JsonStringEnumMemberName("float32")]
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "the name of the dtype")]
    Float32,

    [JsonStringEnumMemberName("bfloat16")]
    BFloat16,

    [JsonStringEnumMemberName("float16")]
    Float16,
}

public static class ComputeDTypes
{
    private static readonly string[] All = ["auto", "float32", "bfloat16", "float16"];

    /// <summary>The names a job file takes, in the order of <see cref="ComputeDType"/>.</summary>
    public static IReadOnlyList<string> Names => All;

    /// <summary>The job-file name of <paramref name="dtype"/> (what the engine's dtype option takes).</summary>
    public static string Name(this ComputeDType dtype) => All[(int)dtype];

    public static bool TryParse(string name, out ComputeDType dtype)
    {
        var index = Array.IndexOf(All, name);
        dtype = index < 0 ? ComputeDType.Auto : (ComputeDType)index;
        return index >= 0;
    }
}
