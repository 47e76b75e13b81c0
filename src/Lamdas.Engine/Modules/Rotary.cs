using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Rotary position embeddings, rotate-half convention, inv_freq = θ^(−2i/d).</summary>
internal static class Rotary
{
    /// <summary>cos and sin tables [count, headDim] for positions start … start+count−1, computed in float64.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(int headDim, double theta, long start, long count, Device device, ScalarType dtype)
    {
        var half = headDim / 2;
        var cos = new float[count * headDim];
        var sin = new float[count * headDim];
        for (long p = 0; p < count; p++)
        {
            for (var i = 0; i < half; i++)
            {
                var invFreq = Math.Pow(theta, -2.0 * i / headDim);
                var angle = (start + p) * invFreq;
                var c = (float)Math.Cos(angle);
                var s = (float)Math.Sin(angle);
                cos[(p * headDim) + i] = c;
                cos[(p * headDim) + i + half] = c;
                sin[(p * headDim) + i] = s;
                sin[(p * headDim) + i + half] = s;
            }
        }

        var cosT = tensor(cos, [count, headDim]).to(dtype, device);
        var sinT = tensor(sin, [count, headDim]).to(dtype, device);
        return (cosT, sinT);
    }

    /// <summary>x × cos + rotate_half(x) × sin, with x shaped [..., T, headDim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([x2.neg(), x1], -1);
        return (x * cos) + (rotated * sin);
    }
}
