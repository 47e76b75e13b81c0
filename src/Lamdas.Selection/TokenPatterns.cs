using System.Text.RegularExpressions;

namespace Lamdas.Selection;

/// <summary>Tokenisation patterns shared by the baseline scorers.</summary>
internal static partial class TokenPatterns
{
    /// <summary>NLTK's WordPunctTokenizer, as used by the DSIR reference code: runs of word characters, or runs of other non-space characters.</summary>
    [GeneratedRegex(@"\w+|[^\w\s]+", RegexOptions.CultureInvariant)]
    public static partial Regex WordPunct();

    /// <summary>scikit-learn's default <c>token_pattern</c> for TfidfVectorizer: words of two or more word characters.</summary>
    [GeneratedRegex(@"\b\w\w+\b", RegexOptions.CultureInvariant)]
    public static partial Regex Words();
}
