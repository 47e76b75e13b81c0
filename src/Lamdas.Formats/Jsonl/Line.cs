namespace Lamdas.Formats;

/// <summary>
/// A line found by <see cref="LineReader"/>: its start, its bytes without the '\n' (only the first
/// <see cref="LineReader.HeadBytes"/> when <see cref="TooLong"/>), and its full length.
/// </summary>
internal readonly record struct Line(long Position, byte[] Bytes, long Length, bool TooLong);
