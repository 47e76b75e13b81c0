namespace Lamdas.SafeTensors;

/// <summary>Element types that can appear in a safetensors header.</summary>
public enum SafeTensorDType
{
    F32,
    F16,
    BF16,
    F64,
    I64,
    I32,
    I16,
    I8,
    U8,
    BOOL,
}
