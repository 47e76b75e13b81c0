using Parquet;
using Parquet.Schema;

namespace Lamdas.Formats.Tests;

/// <summary>
/// A Parquet file written with Parquet.Net directly: columns id, text (required strings), n (int64), x (double),
/// b (bool), note (nullable string), in row groups of 40, 35 and 25 rows.
/// </summary>
public static class ParquetSample
{
    public static readonly int[] GroupSizes = [40, 35, 25];

    public static readonly DataField[] Fields =
    [
        new DataField<string>("id", false), new DataField<string>("text", false), new DataField<long>("n"),
        new DataField<double>("x"), new DataField<bool>("b"), new DataField<string>("note", true),
    ];

    public static IReadOnlyList<SampleRow> Rows { get; } = Enumerable.Range(0, 100).Select(Row).ToList();

    public static SampleRow Row(int i) => new(
        $"doc-{i:D4}",
        $"text {i} ü 日本 " + new string('t', i),
        (i * 1000L) - 7,
        i == 7 ? double.NaN : (i * 0.25) - 3,
        i % 2 == 0,
        i % 3 == 0 ? null : $"note {i}");

    public static async Task<byte[]> WriteAsync()
    {
        var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Fields), output, null, false, default))
        {
            var start = 0;
            foreach (var size in GroupSizes)
            {
                var rows = Rows.Skip(start).Take(size).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(Fields[0], rows.Select(r => r.Id).ToArray(), null);
                await group.WriteAsync(Fields[1], rows.Select(r => r.Text).ToArray(), null);
                await group.WriteAsync<long>(Fields[2], rows.Select(r => r.N).ToArray(), null, null, default);
                await group.WriteAsync<double>(Fields[3], rows.Select(r => r.X).ToArray(), null, null, default);
                await group.WriteAsync<bool>(Fields[4], rows.Select(r => r.B).ToArray(), null, null, default);
                await group.WriteAsync(Fields[5], rows.Select(r => r.Note).ToArray()!, null);
                start += size;
            }
        }

        return output.ToArray();
    }

    /// <summary>Reads every row of a file with this schema using Parquet.Net directly.</summary>
    public static async Task<List<SampleRow>> ReadAsync(byte[] file)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file), null, false, default);
        var fields = reader.Schema.DataFields;
        var rows = new List<SampleRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var ids = new string?[n];
            var texts = new string?[n];
            var ns = new long[n];
            var xs = new double[n];
            var bs = new bool[n];
            var notes = new string?[n];
            await group.ReadAsync(fields[0], ids.AsMemory(), null, default);
            await group.ReadAsync(fields[1], texts.AsMemory(), null, default);
            await group.ReadAsync<long>(fields[2], ns.AsMemory(), null, default);
            await group.ReadAsync<double>(fields[3], xs.AsMemory(), null, default);
            await group.ReadAsync<bool>(fields[4], bs.AsMemory(), null, default);
            await group.ReadAsync(fields[5], notes.AsMemory(), null, default);
            rows.AddRange(Enumerable.Range(0, n).Select(i => new SampleRow(ids[i]!, texts[i]!, ns[i], xs[i], bs[i], notes[i])));
        }

        return rows;
    }
}
