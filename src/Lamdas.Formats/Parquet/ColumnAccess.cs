using Parquet;
using Parquet.Schema;

namespace Lamdas.Formats;

/// <summary>Reads and writes one flat Parquet column of a given CLR type as boxed values (null for a missing value).</summary>
internal sealed record ColumnAccess(
    Func<ParquetRowGroupReader, DataField, CancellationToken, Task<object?[]>> Read,
    Func<ParquetRowGroupWriter, DataField, IReadOnlyList<object?>, CancellationToken, Task> Write)
{
    public static ColumnAccess ForValue<T>()
        where T : struct => new(ReadValuesAsync<T>, WriteValuesAsync<T>);

    public static ColumnAccess ForString() => new(ReadStringsAsync, WriteStringsAsync);

    public static ColumnAccess ForBinary() => new(ReadBinaryAsync, WriteBinaryAsync);

    private static async Task<object?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, CancellationToken ct)
        where T : struct
    {
        var rows = checked((int)group.RowCount);
        var boxed = new object?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                boxed[i] = values[i];
            }
        }
        else
        {
            var values = new T[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
            {
                boxed[i] = values[i];
            }
        }

        return boxed;
    }

    private static Task WriteValuesAsync<T>(ParquetRowGroupWriter group, DataField field, IReadOnlyList<object?> column, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[column.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = column[i] is null ? null : Cast<T>(field, column[i]);
            }

            return group.WriteAsync<T>(field, values.AsMemory(), null, null, ct);
        }
        else
        {
            var values = new T[column.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = column[i] is null
                    ? throw new ArgumentException($"column '{field.Name}' is required (not nullable) but a record has no value for it")
                    : Cast<T>(field, column[i]);
            }

            return group.WriteAsync<T>(field, values.AsMemory(), null, null, ct);
        }
    }

    private static async Task<object?[]> ReadStringsAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var values = new string?[checked((int)group.RowCount)];
        await group.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }

    private static Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<object?> column, CancellationToken ct)
    {
        var values = new string?[column.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column[i] is null ? Required<string>(field) : Cast<string>(field, column[i]);
        }

        return group.WriteAsync(field, values!, null);
    }

    private static async Task<object?[]> ReadBinaryAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var values = new byte[]?[checked((int)group.RowCount)];
        await group.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }

    private static Task WriteBinaryAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<object?> column, CancellationToken ct)
    {
        var values = new byte[]?[column.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column[i] is null ? Required<byte[]>(field) : Cast<byte[]>(field, column[i]);
        }

        return group.WriteAsync(field, values!, null);
    }

    private static T? Required<T>(DataField field)
        where T : class =>
        field.IsNullable ? null : throw new ArgumentException($"column '{field.Name}' is required (not nullable) but a record has no value for it");

    private static T Cast<T>(DataField field, object? value) => value is T typed
        ? typed
        : throw new ArgumentException($"column '{field.Name}' holds {typeof(T).Name} values, but a record has a {value?.GetType().Name ?? "null"} there");
}
