using Lamdas.Tokenization.Normalization;
using Microsoft.ML.Tokenizers;

namespace Lamdas.Tokenization.Loading;

/// <summary>Reads tokenizer.json's <c>normalizer</c>: null, NFC, or a Sequence of those.</summary>
internal static class NormalizerSectionReader
{
    public static Normalizer? Read(JsonSection? normalizer) => normalizer is { } section && RequiresNfc(section)
        ? NfcNormalizer.Instance
        : null;

    private static bool RequiresNfc(JsonSection normalizer)
    {
        string type = normalizer.String("type");
        switch (type)
        {
            case "NFC":
                return true;
            case "Sequence":
                bool nfc = false;
                foreach (JsonSection item in normalizer.Required("normalizers").Items())
                {
                    // NFC is idempotent, so any number of NFC steps is one NFC step.
                    nfc |= RequiresNfc(item);
                }

                return nfc;
            default:
                throw normalizer.Unsupported("type", type, "supported normalizers: null, NFC, Sequence of NFC");
        }
    }
}
