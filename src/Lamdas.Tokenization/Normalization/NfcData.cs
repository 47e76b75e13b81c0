using System.Globalization;
using System.Reflection;

namespace Lamdas.Tokenization.Normalization;

/// <summary>
/// Unicode 9.0 canonical composition tables (the version Hugging Face tokenizers' NFC normalizer uses),
/// loaded from the embedded nfc-data.txt produced by generate_nfc_data.py.
/// </summary>
internal sealed class NfcData
{
    public const byte QuickCheckYes = 0;
    public const byte QuickCheckMaybe = 1;
    public const byte QuickCheckNo = 2;

    private const string ResourceName = "Lamdas.Tokenization.Normalization.nfc-data.txt";

    private static readonly Lazy<NfcData> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[] _bmpCombiningClass = new byte[char.MaxValue + 1];
    private readonly byte[] _bmpQuickCheck = new byte[char.MaxValue + 1];
    private readonly Dictionary<int, byte> _supplementaryCombiningClass = [];
    private readonly Dictionary<int, byte> _supplementaryQuickCheck = [];
    private readonly Dictionary<int, int[]> _decompositions = [];
    private readonly Dictionary<long, int> _compositions = [];

    private NfcData()
    {
    }

    public static NfcData Instance => Loaded.Value;

    public byte CombiningClass(int codePoint) => codePoint <= char.MaxValue
        ? _bmpCombiningClass[codePoint]
        : _supplementaryCombiningClass.GetValueOrDefault(codePoint);

    public byte QuickCheck(int codePoint) => codePoint <= char.MaxValue
        ? _bmpQuickCheck[codePoint]
        : _supplementaryQuickCheck.GetValueOrDefault(codePoint);

    /// <summary>Full canonical decomposition (Hangul syllables excluded), or null when the code point does not decompose.</summary>
    public int[]? Decomposition(int codePoint) => _decompositions.GetValueOrDefault(codePoint);

    /// <summary>The primary composite of the pair, or -1 (Hangul excluded).</summary>
    public int Composition(int first, int second) =>
        _compositions.TryGetValue(((long)first << 21) | (uint)second, out int composite) ? composite : -1;

    private static NfcData Load()
    {
        using Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        }

        var data = new NfcData();
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] fields = line.Split(' ');
            switch (fields[0])
            {
                case "c":
                    SetRange(Hex(fields[1]), Hex(fields[2]), byte.Parse(fields[3], CultureInfo.InvariantCulture), data._bmpCombiningClass, data._supplementaryCombiningClass);
                    break;
                case "d":
                    data._decompositions[Hex(fields[1])] = fields.Skip(2).Select(Hex).ToArray();
                    break;
                case "p":
                    data._compositions[((long)Hex(fields[1]) << 21) | (uint)Hex(fields[2])] = Hex(fields[3]);
                    break;
                case "n":
                    SetRange(Hex(fields[1]), Hex(fields[2]), QuickCheckNo, data._bmpQuickCheck, data._supplementaryQuickCheck);
                    break;
                case "m":
                    SetRange(Hex(fields[1]), Hex(fields[2]), QuickCheckMaybe, data._bmpQuickCheck, data._supplementaryQuickCheck);
                    break;
                default:
                    throw new InvalidDataException($"Unexpected line in {ResourceName}: {line}");
            }
        }

        return data;
    }

    private static void SetRange(int start, int end, byte value, byte[] bmp, Dictionary<int, byte> supplementary)
    {
        for (int cp = start; cp <= end; cp++)
        {
            if (cp <= char.MaxValue)
            {
                bmp[cp] = value;
            }
            else
            {
                supplementary[cp] = value;
            }
        }
    }

    private static int Hex(string value) => int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
