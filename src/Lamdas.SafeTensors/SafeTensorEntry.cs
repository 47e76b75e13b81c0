namespace Lamdas.SafeTensors;

/// <summary>A tensor to write: float32 values that the writer converts to <paramref name="DType"/>.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="DType">Stored element type: F32, F16, BF16 or F64.</param>
/// <param name="Shape">Dimensions; empty for a scalar.</param>
/// <param name="Data">Row-major values; length must equal the product of <paramref name="Shape"/>.</param>
public sealed record SafeTensorEntry(string Name, SafeTensorDType DType, long[] Shape, ReadOnlyMemory<float> Data);
