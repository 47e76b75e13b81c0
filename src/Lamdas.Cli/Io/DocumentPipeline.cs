using System.Threading.Channels;

namespace Lamdas.Cli.Io;

/// <summary>
/// Streams an input file as chunks of records: reading and tokenization (parallel, on the thread pool) run ahead of
/// the consumer (the model), bounded to a few chunks so memory stays flat whatever the input size.
/// </summary>
public static class DocumentPipeline
{
    public static async IAsyncEnumerable<TokenizedChunk> Run(string path, Func<string, int[]> tokenize, int chunkSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var channel = Channel.CreateBounded<TokenizedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<InputRecord>(chunkSize);
                await foreach (var record in JsonlDocumentReader.ReadAsync(path, cancellation: cancellation))
                {
                    cancellation.ThrowIfCancellationRequested();
                    batch.Add(record);
                    if (batch.Count == chunkSize)
                    {
                        await channel.Writer.WriteAsync(Tokenize(batch, tokenize), cancellation);
                        batch = new List<InputRecord>(chunkSize);
                    }
                }

                if (batch.Count > 0)
                {
                    await channel.Writer.WriteAsync(Tokenize(batch, tokenize), cancellation);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, cancellation);

        await foreach (var chunk in channel.Reader.ReadAllAsync(cancellation))
        {
            yield return chunk;
        }

        await producer;
    }

    private static TokenizedChunk Tokenize(List<InputRecord> records, Func<string, int[]> tokenize)
    {
        var ids = new int[]?[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            if (records[i].IsValid)
            {
                ids[i] = tokenize(records[i].Text!);
            }
        });
        return new TokenizedChunk(records, ids);
    }
}
