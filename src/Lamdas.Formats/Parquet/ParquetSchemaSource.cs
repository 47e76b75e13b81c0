using Lamdas.Storage;
using Parquet.Schema;

namespace Lamdas.Formats;

/// <summary>
/// The schema Parquet output is written with: the input file's own (flat: top-level primitive columns only; a
/// nested or repeated column is a <see cref="FormatException"/> naming it), and how many rows go in a row group.
/// </summary>
public sealed class ParquetSchemaSource
{
    public ParquetSchemaSource(ParquetSchema schema, string source = "schema")
    {
        ArgumentNullException.ThrowIfNull(schema);
        Columns = ParquetColumns.RequireFlat(schema, source);
        Schema = schema;
    }

    public ParquetSchema Schema { get; }

    /// <summary>Rows per output row group (the last one may hold fewer).</summary>
    public int MaxRowGroupRows { get; init; } = 65_536;

    internal IReadOnlyList<DataField> Columns { get; }

    /// <summary>The schema of a stored Parquet file (read from its footer).</summary>
    public static async Task<ParquetSchemaSource> ReadAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var reader = await ParquetFile.OpenAsync(store, uri, ct).ConfigureAwait(false);
        return new ParquetSchemaSource(reader.Schema, uri);
    }
}
