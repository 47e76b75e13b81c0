namespace Lamdas.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public void PlanPrintsHoursAndHalvesThemWithTwiceTheDevices()
    {
        var one = CliRunner.Run("plan", "--tokens", "10B", "--gpus", "4", "--gpu", "a100").AssertSuccess();
        var two = CliRunner.Run("plan", "--tokens", "10B", "--gpus", "8", "--gpu", "a100").AssertSuccess();
        Assert.InRange(Hours(one.Stdout) / Hours(two.Stdout), 1.97, 2.03);
        Assert.Contains("device-hours", one.Stdout, StringComparison.Ordinal);
        Assert.Contains("GFLOP per scored token", one.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a100", "bfloat16")]
    [InlineData("h100", "bfloat16")]
    [InlineData("cpu", "float32")]
    public void PlanSaysWhichDTypeTheDeviceRateAssumes(string gpu, string dtype)
    {
        var run = CliRunner.Run("plan", "--tokens", "1B", "--gpu", gpu).AssertSuccess();

        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("dtype", StringComparison.Ordinal));
        Assert.Equal(dtype, line["dtype".Length..].Trim().Split(' ')[0]);
    }

    [Fact]
    public void PlanRefusesAnUnknownDevice()
    {
        var run = CliRunner.Run("plan", "--tokens", "1B", "--gpu", "tpu");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("a100, h100, cpu", run.Stderr, StringComparison.Ordinal);
    }

    private static double Hours(string stdout)
    {
        var line = stdout.Split('\n').Single(l => l.StartsWith("time", StringComparison.Ordinal));
        var number = line["time".Length..].Trim().Split(' ')[0];
        return double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
    }
}
