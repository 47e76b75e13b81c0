namespace Lamdas.SafeTensors;

/// <summary>Header entry of one tensor: its dtype, shape and where its bytes live.</summary>
/// <param name="Name">Tensor name as written in the header.</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions; empty for a scalar.</param>
/// <param name="FilePath">Full path of the safetensors file holding the tensor.</param>
public sealed record TensorInfo(string Name, SafeTensorDType DType, long[] Shape, string FilePath)
{
    /// <summary>Number of elements (1 for a scalar, 0 when any dimension is 0).</summary>
    public long ElementCount => TensorShape.ElementCount(Shape);

    /// <summary>Number of data bytes: <see cref="ElementCount"/> times the dtype size.</summary>
    public long ByteLength => checked(ElementCount * DType.ByteSize());

    /// <summary>Absolute offset of the tensor's first byte within <see cref="FilePath"/>.</summary>
    public long FileOffset { get; init; }

    /// <summary>The shape formatted as <c>[d0, d1, ...]</c>.</summary>
    public string ShapeText => TensorShape.Format(Shape);
}
