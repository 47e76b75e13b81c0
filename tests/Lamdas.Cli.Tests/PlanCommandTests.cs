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
