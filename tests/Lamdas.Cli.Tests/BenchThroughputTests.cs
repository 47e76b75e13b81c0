using System.Globalization;
using System.Text.RegularExpressions;

namespace Lamdas.Cli.Tests;

/// <summary><c>lamdas bench throughput</c> on a tiny checkpoint.</summary>
[Integration]
public sealed class BenchThroughputTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    [Fact]
    public void ReportsThroughputMfuPaddingAndMemory()
    {
        var result = CliRunner.Run("bench", "throughput", "--model", tiny.Model, "--docs", "3", "--min-len", "8", "--max-len", "40",
            "--threads", "1").AssertSuccess();

        var lines = result.Stdout.Split('\n');
        string Line(string label)
        {
            var line = lines.FirstOrDefault(l => l.Contains(label, StringComparison.Ordinal));
            Assert.True(line is not null, $"no line with \"{label}\"\n{result.Describe()}");
            return line;
        }

        double Number(string line, string what)
        {
            var match = Regex.Match(line[(line.IndexOf(what, StringComparison.Ordinal) + what.Length)..], @"[-+]?\d+(\.\d+)?");
            Assert.True(match.Success, $"no number after \"{what}\" in: {line}");
            return double.Parse(match.Value, CultureInfo.InvariantCulture);
        }

        var tokensPerSecond = Number(Line("tokens/s"), "tokens/s");
        var mfu = Number(Line("MFU"), "MFU");
        var waste = Number(Line("padding waste"), "padding waste");
        var memory = Number(Line("peak memory"), "peak memory");
        Assert.True(tokensPerSecond > 0, result.Describe());
        Assert.True(mfu is >= 0 and <= 100, $"MFU {mfu} is not a percentage\n{result.Describe()}");
        Assert.True(waste is >= 0 and < 100, $"padding waste {waste} is not a percentage\n{result.Describe()}");
        Assert.True(memory > 0, result.Describe());
        Assert.Contains("3 documents", result.Stdout, StringComparison.Ordinal);
    }
}
