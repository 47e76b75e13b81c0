using Parquet.Schema;

namespace Lamdas.Formats;

/// <summary>The flat Parquet schemas this library reads and writes: top-level, non-repeated primitive columns.</summary>
internal static class ParquetColumns
{
    private static readonly Dictionary<Type, ColumnAccess> Access = new()
    {
        [typeof(string)] = ColumnAccess.ForString(),
        [typeof(ReadOnlyMemory<char>)] = ColumnAccess.ForString(),
        [typeof(byte[])] = ColumnAccess.ForBinary(),
        [typeof(ReadOnlyMemory<byte>)] = ColumnAccess.ForBinary(),
        [typeof(bool)] = ColumnAccess.ForValue<bool>(),
        [typeof(sbyte)] = ColumnAccess.ForValue<sbyte>(),
        [typeof(byte)] = ColumnAccess.ForValue<byte>(),
        [typeof(short)] = ColumnAccess.ForValue<short>(),
        [typeof(ushort)] = ColumnAccess.ForValue<ushort>(),
        [typeof(int)] = ColumnAccess.ForValue<int>(),
        [typeof(uint)] = ColumnAccess.ForValue<uint>(),
        [typeof(long)] = ColumnAccess.ForValue<long>(),
        [typeof(ulong)] = ColumnAccess.ForValue<ulong>(),
        [typeof(float)] = ColumnAccess.ForValue<float>(),
        [typeof(double)] = ColumnAccess.ForValue<double>(),
        [typeof(decimal)] = ColumnAccess.ForValue<decimal>(),
        [typeof(DateTime)] = ColumnAccess.ForValue<DateTime>(),
        [typeof(DateOnly)] = ColumnAccess.ForValue<DateOnly>(),
        [typeof(TimeOnly)] = ColumnAccess.ForValue<TimeOnly>(),
        [typeof(TimeSpan)] = ColumnAccess.ForValue<TimeSpan>(),
        [typeof(Guid)] = ColumnAccess.ForValue<Guid>(),
    };

    /// <summary>The schema's columns in order; a <see cref="FormatException"/> naming the first column that is not flat.</summary>
    public static IReadOnlyList<DataField> RequireFlat(ParquetSchema schema, string source)
    {
        var columns = new List<DataField>(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            if (field is not DataField data || field.SchemaType != SchemaType.Data)
            {
                throw new FormatException(
                    $"'{source}': column '{field.Name}' is a nested ({field.SchemaType.ToString().ToLowerInvariant()}) column; only flat schemas of primitive columns are supported");
            }

            if (data.IsArray || data.MaxRepetitionLevel > 0)
            {
                throw new FormatException($"'{source}': column '{field.Name}' is repeated; only flat schemas of primitive columns are supported");
            }

            if (!Access.ContainsKey(data.ClrType))
            {
                throw new FormatException($"'{source}': column '{field.Name}' has type {data.ClrType.Name}, which is not supported");
            }

            columns.Add(data);
        }

        return columns;
    }

    public static ColumnAccess For(DataField field) => Access[field.ClrType];
}
