using Parquet;
using Parquet.Schema;

namespace Lamdas.Formats;

/// <summary>
/// The scores file: Parquet with columns id, source (strings), position (int64), tokens (int32), logprob_base,
/// logprob_prefix, score (doubles) and selected (bool), all required, in row groups of <see cref="RowGroupRows"/>.
/// A cascade job's file adds <c>stage1_score</c> (double, required) and makes logprob_base, logprob_prefix and score
/// nullable: null for a record the first stage held back from the LLM. Equal rows give equal bytes.
/// </summary>
public static class ScoresParquet
{
    public const int RowGroupRows = 262_144;

    private static readonly DataField<string> Id = new("id", false);
    private static readonly DataField<string> Source = new("source", false);
    private static readonly DataField<long> Position = new("position", false);
    private static readonly DataField<int> Tokens = new("tokens", false);
    private static readonly DataField<double> LogProbBase = new("logprob_base", false);
    private static readonly DataField<double> LogProbPrefix = new("logprob_prefix", false);
    private static readonly DataField<double> Score = new("score", false);
    private static readonly DataField<bool> Selected = new("selected", false);
    private static readonly DataField<double?> LogProbBaseOrNull = new("logprob_base", true);
    private static readonly DataField<double?> LogProbPrefixOrNull = new("logprob_prefix", true);
    private static readonly DataField<double?> ScoreOrNull = new("score", true);
    private static readonly DataField<double> Stage1Score = new("stage1_score", false);
    private static readonly ParquetSchema Schema = new(Id, Source, Position, Tokens, LogProbBase, LogProbPrefix, Score, Selected);
    private static readonly ParquetSchema CascadeSchema = new(Id, Source, Position, Tokens, LogProbBaseOrNull, LogProbPrefixOrNull, ScoreOrNull, Selected, Stage1Score);

    /// <summary>
    /// Writes <paramref name="rows"/>; with <paramref name="cascade"/> in the cascade layout (every row then needs a
    /// first-stage score).
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<ScoreRow> rows, CancellationToken ct, bool cascade = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        static double? OrNull(double value) => double.IsNaN(value) ? null : value;
        await using (var writer = await ParquetWriter.CreateAsync(cascade ? CascadeSchema : Schema, output, new ParquetOptions(), append: false, ct).ConfigureAwait(false))
        {
            for (var start = 0; start < rows.Count; start += RowGroupRows)
            {
                var group = rows.Skip(start).Take(RowGroupRows).ToArray();
                using var groupWriter = writer.CreateRowGroup();
                await groupWriter.WriteAsync(Id, group.Select(r => r.Id ?? throw new ArgumentException("a score row has no id", nameof(rows))).ToArray(), null).ConfigureAwait(false);
                await groupWriter.WriteAsync(Source, group.Select(r => r.Source ?? throw new ArgumentException("a score row has no source", nameof(rows))).ToArray(), null).ConfigureAwait(false);
                await groupWriter.WriteAsync<long>(Position, group.Select(r => r.Position).ToArray(), null, null, ct).ConfigureAwait(false);
                await groupWriter.WriteAsync<int>(Tokens, group.Select(r => r.Tokens).ToArray(), null, null, ct).ConfigureAwait(false);
                if (cascade)
                {
                    // Held-back rows carry NaN for what the LLM did not compute; the file says null.
                    await groupWriter.WriteAsync<double>(LogProbBaseOrNull, group.Select(r => OrNull(r.LogProbBase)).ToArray(), null, null, ct).ConfigureAwait(false);
                    await groupWriter.WriteAsync<double>(LogProbPrefixOrNull, group.Select(r => OrNull(r.LogProbPrefix)).ToArray(), null, null, ct).ConfigureAwait(false);
                    await groupWriter.WriteAsync<double>(ScoreOrNull, group.Select(r => OrNull(r.Score)).ToArray(), null, null, ct).ConfigureAwait(false);
                }
                else
                {
                    await groupWriter.WriteAsync<double>(LogProbBase, group.Select(r => r.LogProbBase).ToArray(), null, null, ct).ConfigureAwait(false);
                    await groupWriter.WriteAsync<double>(LogProbPrefix, group.Select(r => r.LogProbPrefix).ToArray(), null, null, ct).ConfigureAwait(false);
                    await groupWriter.WriteAsync<double>(Score, group.Select(r => r.Score).ToArray(), null, null, ct).ConfigureAwait(false);
                }

                await groupWriter.WriteAsync<bool>(Selected, group.Select(r => r.Selected).ToArray(), null, null, ct).ConfigureAwait(false);
                if (cascade)
                {
                    await groupWriter.WriteAsync<double>(Stage1Score, group.Select(r => r.Stage1Score ?? throw new ArgumentException("a cascade score row has no first-stage score", nameof(rows))).ToArray(), null, null, ct).ConfigureAwait(false);
                }
            }
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads a scores file (the input must be seekable); a missing column is a <see cref="FormatException"/>.</summary>
    public static async Task<IReadOnlyList<ScoreRow>> ReadAsync(Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var reader = await ParquetReader.CreateAsync(input, new ParquetOptions(), leaveStreamOpen: true, ct).ConfigureAwait(false);
        var fields = Schema.DataFields.Select(f => Find(reader.Schema, f.Name)).ToArray();
        var stage1Field = reader.Schema.DataFields.FirstOrDefault(f => f.Name == Stage1Score.Name);
        var rows = new List<ScoreRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var ids = new string?[n];
            var sources = new string?[n];
            var positions = new long[n];
            var tokens = new int[n];
            var logBase = new double[n];
            var logPrefix = new double[n];
            var scores = new double[n];
            var selected = new bool[n];
            await group.ReadAsync(fields[0], ids.AsMemory(), null, ct).ConfigureAwait(false);
            await group.ReadAsync(fields[1], sources.AsMemory(), null, ct).ConfigureAwait(false);
            await group.ReadAsync<long>(fields[2], positions.AsMemory(), null, ct).ConfigureAwait(false);
            await group.ReadAsync<int>(fields[3], tokens.AsMemory(), null, ct).ConfigureAwait(false);
            await ReadDoublesAsync(group, fields[4], logBase, ct).ConfigureAwait(false);
            await ReadDoublesAsync(group, fields[5], logPrefix, ct).ConfigureAwait(false);
            await ReadDoublesAsync(group, fields[6], scores, ct).ConfigureAwait(false);
            await group.ReadAsync<bool>(fields[7], selected.AsMemory(), null, ct).ConfigureAwait(false);
            double[]? stage1 = null;
            if (stage1Field is not null)
            {
                stage1 = new double[n];
                await ReadDoublesAsync(group, stage1Field, stage1, ct).ConfigureAwait(false);
            }

            for (var i = 0; i < n; i++)
            {
                rows.Add(new ScoreRow(ids[i] ?? "", sources[i] ?? "", positions[i], tokens[i], logBase[i], logPrefix[i], scores[i], selected[i], stage1?[i]));
            }
        }

        return rows;
    }

    /// <summary>A double column, required or nullable (null reads as NaN).</summary>
    private static async Task ReadDoublesAsync(ParquetRowGroupReader group, DataField field, double[] values, CancellationToken ct)
    {
        if (!field.IsNullable)
        {
            await group.ReadAsync<double>(field, values.AsMemory(), null, ct).ConfigureAwait(false);
            return;
        }

        var nullable = new double?[values.Length];
        await group.ReadAsync<double>(field, nullable.AsMemory(), null, ct).ConfigureAwait(false);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = nullable[i] ?? double.NaN;
        }
    }

    private static DataField Find(ParquetSchema schema, string name) =>
        schema.DataFields.FirstOrDefault(f => f.Name == name)
        ?? throw new FormatException($"not a scores file: column '{name}' is missing");
}
