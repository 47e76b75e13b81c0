using Lamdas.Jobs.Running;

namespace Lamdas.Cli.Io;

/// <summary>
/// Streams an input file as chunks of records: reading and tokenization (parallel, on the thread pool) run ahead of
/// the consumer (the model) through the job pipeline's <see cref="ReadAhead{T}"/>, bounded to a few chunks so memory
/// stays flat whatever the input size.
/// </summary>
public static class DocumentPipeline
{
    public static IAsyncEnumerable<TokenizedChunk> Run(string path, Func<string, int[]> tokenize, int chunkSize,
        CancellationToken cancellation = default) =>
        new ReadAhead<TokenizedChunk>(capacity: 2).RunAsync(async (writer, ct) =>
        {
            var batch = new List<InputRecord>(chunkSize);
            await foreach (var record in JsonlDocumentReader.ReadAsync(path, cancellation: ct))
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(record);
                if (batch.Count == chunkSize)
                {
                    await writer.WriteAsync(Tokenize(batch, tokenize), ct);
                    batch = new List<InputRecord>(chunkSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(Tokenize(batch, tokenize), ct);
            }
        }, cancellation);

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
