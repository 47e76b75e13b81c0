using System.Text;

namespace Lamdas.Formats.Tests;

public sealed class QuarantineWriterTests
{
    [Fact]
    public async Task BadRecordsBecomeJsonLinesWithTextOrBase64Raw()
    {
        BadRecord[] bad =
        [
            new("/data/a.jsonl", 120, "invalid JSON: unexpected end", Encoding.UTF8.GetBytes("{\"a\": ü")),
            new("/data/a.jsonl", 400, "invalid UTF-8", new byte[] { 0x7B, 0xC3, 0x28, 0x7D }),
            new("az://c/b.parquet", 75, "unreadable Parquet row group 1: Invalid copy offset", ReadOnlyMemory<byte>.Empty),
        ];
        var output = new MemoryStream();

        await QuarantineWriter.WriteAsync(output, bad, CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(
            "{\"source\":\"/data/a.jsonl\",\"position\":120,\"reason\":\"invalid JSON: unexpected end\",\"raw\":\"{\\\"a\\\": ü\"}\n"
            + "{\"source\":\"/data/a.jsonl\",\"position\":400,\"reason\":\"invalid UTF-8\",\"raw_base64\":\"e8MofQ==\"}\n"
            + "{\"source\":\"az://c/b.parquet\",\"position\":75,\"reason\":\"unreadable Parquet row group 1: Invalid copy offset\",\"raw\":\"\"}\n",
            text);
    }
}
