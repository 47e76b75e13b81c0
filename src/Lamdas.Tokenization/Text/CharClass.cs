namespace Lamdas.Tokenization.Text;

/// <summary>Character classes used by the pre-tokenizer patterns (\p{L}, \p{N}, \s, [\r\n]).</summary>
internal enum CharClass : byte
{
    /// <summary>Anything that is not a letter, number or white space (punctuation, symbols, marks, controls).</summary>
    Other = 0,

    /// <summary>\p{L}: general category Lu, Ll, Lt, Lm or Lo.</summary>
    Letter = 1,

    /// <summary>\p{N}: general category Nd, Nl or No.</summary>
    Number = 2,

    /// <summary>\s other than CR and LF (the Unicode White_Space property).</summary>
    Space = 3,

    /// <summary>Carriage return or line feed (also white space).</summary>
    LineBreak = 4,
}
