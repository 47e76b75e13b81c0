using Lamdas.Cli.Io;
using Lamdas.Engine.Scoring;

namespace Lamdas.Cli.Commands;

/// <summary>Streams an input file through the engine chunk by chunk, keeping output in input order.</summary>
internal static class ScoringLoop
{
    public const int ChunkDocuments = 512;

    /// <summary>Calls <paramref name="compute"/> on each chunk's valid documents and <paramref name="emit"/> per document.</summary>
    public static async Task<RecordReport> RunAsync<TResult>(string input, LogLikelihoodEngine engine,
        Func<IReadOnlyList<int[]>, TResult[]> compute, Func<InputRecord, TResult, ValueTask> emit, CancellationToken cancellation)
    {
        var report = new RecordReport();
        await foreach (var chunk in DocumentPipeline.Run(input, engine.Tokenize, ChunkDocuments, cancellation))
        {
            var valid = new List<int>();
            var docs = new List<int[]>();
            for (var i = 0; i < chunk.Records.Count; i++)
            {
                if (!chunk.Records[i].IsValid)
                {
                    continue;
                }

                if (chunk.Ids[i]!.Length == 0)
                {
                    report.Reject(chunk.Records[i] with { Error = "text produces no tokens" });
                    continue;
                }

                valid.Add(i);
                docs.Add(chunk.Ids[i]!);
            }

            var results = docs.Count == 0 ? [] : compute(docs);
            var next = 0;
            for (var i = 0; i < chunk.Records.Count; i++)
            {
                if (next < valid.Count && valid[next] == i)
                {
                    await emit(chunk.Records[i], results[next++]);
                    report.Ok();
                }
                else if (!chunk.Records[i].IsValid)
                {
                    report.Reject(chunk.Records[i]);
                }
            }
        }

        return report;
    }
}
