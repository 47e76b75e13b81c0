using System.Buffers;
using System.Text;
using Lamdas.Tokenization.AddedTokens;
using Lamdas.Tokenization.Loading;
using Lamdas.Tokenization.PreTokenization;
using Lamdas.Tokenization.Text;
using Microsoft.ML.Tokenizers;

namespace Lamdas.Tokenization;

/// <summary>
/// Byte-level BPE tokenizer reproducing Hugging Face tokenizers' ids. The pipeline per input is:
/// non-normalized added tokens are matched on the raw text, each remaining segment is normalized (NFC when
/// configured), normalized added tokens are matched, the rest is split by the pre-tokenizer
/// (<see cref="SplittingPreTokenizer"/>), and each piece is encoded by Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/> (byte-level mapping and merges), memoized in a <see cref="PieceIdCache"/>.
/// </summary>
/// <remarks>
/// Immutable after construction; <see cref="Encode"/>, <see cref="Decode"/> and <see cref="TokenToId"/> are safe to call
/// concurrently. BpeTokenizer keeps only a lock-protected word cache, <see cref="PieceIdCache"/> is a concurrent
/// dictionary, and all other per-call state is local or per-thread.
/// </remarks>
internal sealed class ByteLevelBpeTextTokenizer : ITextTokenizer
{
    private const int CacheCapacity = 200_000;
    private const int MaxCachedPieceLength = 64;

    private readonly BpeTokenizer _bpe;
    private readonly Normalizer? _normalizer;
    private readonly AddedTokenMatcher _rawAddedTokens;
    private readonly AddedTokenMatcher _normalizedAddedTokens;
    private readonly bool _addPrefixSpace;
    private readonly SplittingPreTokenizer _preTokenizer;
    private readonly PieceIdCache _cache = new(CacheCapacity, MaxCachedPieceLength);
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int> _addedTokenIds;
    private readonly byte[]?[] _idToBytes;

    public ByteLevelBpeTextTokenizer(TokenizerDefinition definition)
    {
        Kind = definition.Kind;
        _vocabulary = definition.Vocabulary;
        _normalizer = definition.Normalizer;
        _addPrefixSpace = definition.AddPrefixSpace;
        _rawAddedTokens = new AddedTokenMatcher(definition.AddedTokens.Where(t => !t.Normalized));
        _normalizedAddedTokens = new AddedTokenMatcher(definition.AddedTokens
            .Where(t => t.Normalized)
            .Select(t => t with { Content = _normalizer?.Normalize(t.Content) ?? t.Content }));
        _addedTokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (AddedToken token in definition.AddedTokens)
        {
            _addedTokenIds[token.Content] = token.Id;
        }

        int maxId = Math.Max(
            _vocabulary.Count == 0 ? -1 : _vocabulary.Values.Max(),
            definition.AddedTokens.Count == 0 ? -1 : definition.AddedTokens.Max(t => t.Id));
        VocabularySize = maxId + 1;
        _idToBytes = BuildDecodeTable(VocabularySize, _vocabulary, definition.AddedTokens);
        _preTokenizer = new SplittingPreTokenizer(definition.Splitters);
        _bpe = CreateBpe(definition, _preTokenizer);
    }

    public string Kind { get; }

    public int VocabularySize { get; }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        text = Utf16Sanitizer.ReplaceLoneSurrogates(text);
        var ids = new List<int>((text.Length / 3) + 16);
        int position = 0;
        while (_rawAddedTokens.TryFindNext(text, position, out int index, out AddedToken token))
        {
            if (index > position)
            {
                EncodeSegment(text[position..index], ids);
            }

            ids.Add(token.Id);
            position = index + token.Content.Length;
        }

        EncodeSegment(position == 0 ? text : text[position..], ids);
        return ids;
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        int length = 0;
        try
        {
            foreach (int id in ids)
            {
                byte[] bytes = (uint)id < (uint)_idToBytes.Length ? _idToBytes[id] ?? throw UnknownId(id) : throw UnknownId(id);
                if (length + bytes.Length > buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes.Length));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                bytes.CopyTo(buffer, length);
                length += bytes.Length;
            }

            // Invalid UTF-8 (e.g. a multi-byte character cut between ids) becomes U+FFFD, like Rust's from_utf8_lossy.
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_addedTokenIds.TryGetValue(token, out int id) || _vocabulary.TryGetValue(token, out id))
        {
            return id;
        }

        return null;
    }

    /// <summary>Encodes a segment free of raw added tokens: normalization, normalized added tokens, then the model.</summary>
    private void EncodeSegment(string segment, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        string normalized = _normalizer?.Normalize(segment) ?? segment;
        int position = 0;
        while (_normalizedAddedTokens.TryFindNext(normalized, position, out int index, out AddedToken token))
        {
            if (index > position)
            {
                EncodeWithModel(normalized[position..index], ids);
            }

            ids.Add(token.Id);
            position = index + token.Content.Length;
        }

        if (position < normalized.Length)
        {
            EncodeWithModel(position == 0 ? normalized : normalized[position..], ids);
        }
    }

    /// <summary>Pre-tokenizes and runs BPE on each piece, through <see cref="PieceIdCache"/>.</summary>
    private void EncodeWithModel(string text, List<int> ids)
    {
        if (_addPrefixSpace && text[0] != ' ')
        {
            text = " " + text;
        }

        foreach ((int offset, int length) in _preTokenizer.SplitIntoThreadBuffer(text))
        {
            ReadOnlySpan<char> piece = text.AsSpan(offset, length);
            if (_cache.TryGet(piece, out int[]? cached))
            {
                ids.AddRange(cached);
                continue;
            }

            // Each piece is already pre-tokenized, so BpeTokenizer only maps it to byte-level symbols and merges.
            IReadOnlyList<int> encoded = _bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false);
            int[] pieceIds = [.. encoded];
            ids.AddRange(pieceIds);
            _cache.TryAdd(piece, pieceIds);
        }
    }

    private static BpeTokenizer CreateBpe(TokenizerDefinition definition, SplittingPreTokenizer preTokenizer)
    {
        var options = new BpeOptions(definition.Vocabulary)
        {
            Merges = definition.Merges,
            ByteLevel = true,
            PreTokenizer = preTokenizer,
            Normalizer = null,
            UnknownToken = definition.UnknownToken,
            FuseUnknownTokens = definition.FuseUnknownTokens,
        };

        try
        {
            return BpeTokenizer.Create(options);
        }
        catch (InvalidOperationException e)
        {
            throw new TokenizerException($"{Path.GetFileName(definition.SourceFile)}: invalid BPE model (merges / vocab / unk_token): {e.Message}", e);
        }
    }

    private static byte[]?[] BuildDecodeTable(int size, Dictionary<string, int> vocabulary, IReadOnlyList<AddedToken> addedTokens)
    {
        var table = new byte[]?[size];
        foreach ((string token, int id) in vocabulary)
        {
            table[id] = TokenBytes(token);
        }

        foreach (AddedToken token in addedTokens)
        {
            table[token.Id] = TokenBytes(token.Content);
        }

        return table;
    }

    /// <summary>Hugging Face's ByteLevel decoder: map each character back to its byte, or use the raw UTF-8 if any character is outside the byte alphabet.</summary>
    private static byte[] TokenBytes(string token)
    {
        var bytes = new byte[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            int value = ByteLevelAlphabet.ToByte(token[i]);
            if (value < 0)
            {
                return Encoding.UTF8.GetBytes(token);
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    private static ArgumentOutOfRangeException UnknownId(int id) =>
        new(nameof(id), id, "Token id is not in the vocabulary or the added tokens.");
}
