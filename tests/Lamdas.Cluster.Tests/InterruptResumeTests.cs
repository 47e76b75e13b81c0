using Lamdas.Cluster.Hosting;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// A run stopped mid-job (what Ctrl-C and SIGTERM do to <c>lamdas run</c>: they cancel it) and run again resumes
/// from the completed shards and ends with the same files as an uninterrupted run.
/// </summary>
[Integration]
public sealed class InterruptResumeTests : IDisposable
{
    private readonly Corpus _corpus = new(files: 1, recordsPerFile: 400);

    [Fact]
    public async Task CancelledRunResumesFromCompletedShardsAndWritesTheSameFiles()
    {
        var reference = _corpus.Output("reference");
        var model = $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}";
        var whole = await new EmbeddedJobRunner(JobSpecParser.Parse(_corpus.Yaml("whole", "lamdas", reference, model), Corpus.Limits), new JobRunnerOptions())
            .RunAsync(CancellationToken.None);
        Assert.True(whole.Succeeded, whole.Message);
        var shards = Directory.GetFiles(Path.Combine(reference, "_progress"), "part-?????.json").Length;
        Assert.True(shards >= 4, $"{shards} shards");

        // Same prefix for both outputs, so their scores can be compared byte for byte; the same reference set, so both
        // run the default cascade (fitted alike; the corpus is smaller than its pilot, so neither cuts).
        var output = _corpus.Output("interrupted");
        var spec = JobSpecParser.Parse(_corpus.Yaml("interrupted", "lamdas", output,
            $"model: {RepoPaths.TinyModel}\nprefix: {{ path: {Path.Combine(reference, "prefix")} }}\nreference: {Path.Combine(_corpus.Root, "reference.jsonl")}"), Corpus.Limits);
        Assert.NotNull(spec.Cascade);
        var progress = Path.Combine(output, "_progress");
        using var stop = new CancellationTokenSource();
        var interrupted = new EmbeddedJobRunner(spec, new JobRunnerOptions
        {
            Progress = _ =>
            {
                if (Directory.Exists(progress) && Directory.GetFiles(progress, "part-?????.json").Length >= 2)
                {
                    stop.Cancel();
                }
            },
        }).RunAsync(stop.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
        var kept = Directory.GetFiles(progress, "part-?????.json").Length;
        Assert.InRange(kept, 2, shards - 1);

        var messages = new List<string>();
        var resumed = await new EmbeddedJobRunner(spec, new JobRunnerOptions { Log = m => { lock (messages) { messages.Add(m); } } })
            .RunAsync(CancellationToken.None);
        Assert.True(resumed.Succeeded, resumed.Message);
        var resumedLine = messages.Single(m => m.Contains(" resumed: ", StringComparison.Ordinal));
        Assert.True(resumedLine.Contains($"resumed: {kept} of {shards} shards were completed by an earlier run", StringComparison.Ordinal), resumedLine);
        Assert.Equal(whole.Documents, resumed.Documents);
        foreach (var folder in new[] { "scores", "selected" })
        {
            var expected = OutputFolders.Read(Path.Combine(reference, folder));
            var actual = OutputFolders.Read(Path.Combine(output, folder));
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(actual[kv.Key]), $"{folder}/{kv.Key} differs"));
        }
    }

    public void Dispose() => _corpus.Dispose();
}
