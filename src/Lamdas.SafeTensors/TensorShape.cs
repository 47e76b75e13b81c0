namespace Lamdas.SafeTensors;

internal static class TensorShape
{
    /// <summary>Product of the dimensions; 1 for a scalar (empty shape).</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
            }

            count = checked(count * dim);
        }

        return count;
    }

    public static bool TryElementCount(ReadOnlySpan<long> shape, out long count)
    {
        count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                return false;
            }

            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
