namespace Lamdas.Formats.Tests;

public sealed class ScoresParquetTests
{
    private static readonly ScoreRow[] Rows =
    [
        new("doc-1", "az://corpus/a.jsonl", 0, 512, -812.25, -790.5, 0.0425, true),
        new("doc-2", "/data/b.jsonl.zst", 123_456_789_012, 1, -3.5, -4.0, -0.5, false),
        new("文書-3", "/data/c.parquet", 99, 0, double.NegativeInfinity, double.NaN, double.MaxValue, true),
        new("", "", -1, int.MaxValue, 1e-300, -0.0, double.Epsilon, false),
    ];

    private static async Task<byte[]> WriteAsync(IReadOnlyList<ScoreRow> rows)
    {
        var output = new MemoryStream();
        await ScoresParquet.WriteAsync(output, rows, CancellationToken.None);
        return output.ToArray();
    }

    [Fact]
    public async Task RowsRoundTrip()
    {
        var bytes = await WriteAsync(Rows);

        var read = await ScoresParquet.ReadAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(Rows, read);
        Assert.True(double.IsNegative(read[3].LogProbPrefix)); // -0.0 kept
    }

    [Fact]
    public async Task EqualRowsGiveEqualBytes()
    {
        var first = await WriteAsync(Rows);
        var second = await WriteAsync(Rows.ToArray());
        var changed = await WriteAsync([.. Rows[..3], Rows[3] with { Selected = true }]);

        Assert.Equal(first, second);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public async Task AnEmptyScoresFileReadsAsNoRows()
    {
        var bytes = await WriteAsync([]);

        Assert.Empty(await ScoresParquet.ReadAsync(new MemoryStream(bytes), CancellationToken.None));
    }

    [Fact]
    public async Task AFileWithoutTheScoreColumnsIsRejected()
    {
        var other = await ParquetSample.WriteAsync();

        var error = await Assert.ThrowsAsync<FormatException>(() => ScoresParquet.ReadAsync(new MemoryStream(other), CancellationToken.None));

        Assert.Contains("'source'", error.Message);
    }

    [Fact]
    public async Task ACascadeFileKeepsTheFirstStageScoreAndLeavesHeldBackRowsWithoutModelScores()
    {
        ScoreRow[] rows =
        [
            new("passed", "/data/a.jsonl", 0, 64, -120.5, -118.25, 2.25, true, 14.5),
            new("held-back", "/data/a.jsonl", 1, 40, double.NaN, double.NaN, double.NaN, false, -3.75),
        ];
        var output = new MemoryStream();
        await ScoresParquet.WriteAsync(output, rows, CancellationToken.None, cascade: true);

        var read = await ScoresParquet.ReadAsync(new MemoryStream(output.ToArray()), CancellationToken.None);

        Assert.Equal(rows, read);
        Assert.True(read[0].ReachedModel);
        Assert.False(read[1].ReachedModel);
        var reader = await Parquet.ParquetReader.CreateAsync(new MemoryStream(output.ToArray()));
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        Assert.True(fields["score"].IsNullable);
        Assert.False(fields["stage1_score"].IsNullable);
        Assert.False((await ScoresParquet.ReadAsync(new MemoryStream(await WriteAsync(Rows)), CancellationToken.None))[0].Stage1Score.HasValue);
    }

    [Fact]
    public async Task ACascadeRowWithoutAFirstStageScoreIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ScoresParquet.WriteAsync(new MemoryStream(), Rows, CancellationToken.None, cascade: true));
    }
}
