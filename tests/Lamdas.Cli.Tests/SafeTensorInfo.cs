namespace Lamdas.Cli.Tests;

/// <summary>One tensor entry of a safetensors header.</summary>
internal sealed record SafeTensorInfo(string DType, long[] Shape, long Begin, long End);
