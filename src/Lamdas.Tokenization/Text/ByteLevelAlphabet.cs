namespace Lamdas.Tokenization.Text;

/// <summary>
/// The GPT-2 byte-to-unicode table used by byte-level BPE: every byte maps to a printable character
/// (printable Latin-1 bytes map to themselves, the others to U+0100 and up).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly short[] CharToByte = BuildCharToByte(ByteToChar);

    public static char ToChar(byte value) => ByteToChar[value];

    /// <summary>Returns the byte a byte-level character stands for, or -1 when the character is not in the alphabet.</summary>
    public static int ToByte(char c) => c < CharToByte.Length ? CharToByte[c] : -1;

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var assigned = new bool[256];
        for (int b = '!'; b <= '~'; b++)
        {
            (map[b], assigned[b]) = ((char)b, true);
        }

        for (int b = 0xA1; b <= 0xAC; b++)
        {
            (map[b], assigned[b]) = ((char)b, true);
        }

        for (int b = 0xAE; b <= 0xFF; b++)
        {
            (map[b], assigned[b]) = ((char)b, true);
        }

        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!assigned[b])
            {
                map[b] = (char)(256 + next++);
            }
        }

        return map;
    }

    private static short[] BuildCharToByte(char[] byteToChar)
    {
        var reverse = new short[byteToChar.Max() + 1];
        Array.Fill(reverse, (short)-1);
        for (int b = 0; b < byteToChar.Length; b++)
        {
            reverse[byteToChar[b]] = (short)b;
        }

        return reverse;
    }
}
