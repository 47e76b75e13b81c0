namespace Lamdas.Cli.Io;

/// <summary>Splits a byte stream at '\n' (a trailing '\r' is kept; JSON parsing tolerates it as whitespace).</summary>
public static class LineSplitter
{
    public static IEnumerable<byte[]> Lines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.Write(buffer, start, i - start);
                yield return pending.ToArray();
                pending.SetLength(0);
                start = i + 1;
            }

            pending.Write(buffer, start, read - start);
        }

        if (pending.Length > 0)
        {
            yield return pending.ToArray();
        }
    }
}
