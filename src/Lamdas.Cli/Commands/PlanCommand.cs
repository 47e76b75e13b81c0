using System.CommandLine;
using System.Globalization;
using Lamdas.Engine.Model;
using Lamdas.Engine.Planning;

namespace Lamdas.Cli.Commands;

/// <summary><c>plan --tokens 100B --gpus 8 --gpu a100|h100|cpu [--model DIR|qwen2.5-0.5b]</c>: capacity planning.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var tokens = new Option<string>("--tokens") { Description = "tokens to score (100B, 2.5T, 40M…)", Required = true };
        var gpus = new Option<int>("--gpus") { Description = "devices (silos) scoring in parallel", DefaultValueFactory = _ => 1 };
        var gpu = new Option<string>("--gpu") { Description = "device kind: a100, h100 or cpu", DefaultValueFactory = _ => "a100" };
        var model = new Option<string>("--model") { Description = "model directory (config.json) or preset qwen2.5-0.5b", DefaultValueFactory = _ => "qwen2.5-0.5b" };
        var docTokens = new Option<int>("--doc-tokens") { Description = "typical document length in tokens (max_tokens)", DefaultValueFactory = _ => 1024 };
        var prefix = new Option<int>("--prefix-length") { Description = "prefix positions", DefaultValueFactory = _ => 30 };
        var window = new Option<int>("--window-tokens")
        {
            Description = "window of the second scoring view (0 = whole context only)",
            DefaultValueFactory = _ => Lamdas.Jobs.Spec.WindowDefaults.Tokens,
        };
        var price = new Option<double?>("--price-per-hour") { Description = "price of one device-hour, to print a cost" };
        var command = new Command("plan", "Estimate hours and cost drivers of scoring a corpus from the FLOP count and a per-device throughput model")
        {
            tokens, gpus, gpu, model, docTokens, prefix, window, price,
        };
        command.SetAction(result =>
        {
            var inv = CultureInfo.InvariantCulture;
            double count;
            try
            {
                count = CapacityPlanner.ParseTokens(result.GetValue(tokens)!);
            }
            catch (FormatException e)
            {
                throw new CliException("--tokens: " + e.Message);
            }

            if (!DeviceProfile.Known.TryGetValue(result.GetValue(gpu)!, out var device))
            {
                throw new CliException($"--gpu {result.GetValue(gpu)}: expected one of {string.Join(", ", DeviceProfile.Known.Keys)}");
            }

            var devices = result.GetValue(gpus);
            if (devices < 1)
            {
                throw new CliException("--gpus must be at least 1");
            }

            var modelArg = result.GetValue(model)!;
            var config = Directory.Exists(modelArg)
                ? ModelConfig.Load(modelArg)
                : ModelConfig.Parse(ModelPresets.Resolve(modelArg, 151643, 151643), modelArg);
            var windowTokens = result.GetValue(window);
            if (windowTokens < 0)
            {
                throw new CliException("--window-tokens must be 0 (off) or positive");
            }

            var plan = CapacityPlanner.Estimate(config, count, devices, device, result.GetValue(docTokens), result.GetValue(prefix), windowTokens);
            Console.WriteLine(string.Format(inv, "model            {0}: {1:N0} matmul weights; documents of {2} tokens, {3}-position prefix",
                modelArg, plan.MatmulParameters, result.GetValue(docTokens), result.GetValue(prefix)));
            Console.WriteLine(string.Format(inv, "compute          {0:F2} GFLOP per scored token ({3}) × {1:G3} tokens = {2:E2} FLOP",
                plan.FlopsPerToken / 1e9, count, plan.TotalFlops,
                windowTokens > 0 && windowTokens < result.GetValue(docTokens)
                    ? $"two forward passes, and again for the tokens after the first {windowTokens}-token window"
                    : "two forward passes"));
            Console.WriteLine(string.Format(inv, "device           {0}: {1:G4} TFLOP/s effective ({2})", device.Name, device.EffectiveFlops / 1e12, device.Basis));
            Console.WriteLine(string.Format(inv, "dtype            {0} ({1})", device.DType,
                device.DType == "float32" ? "the scoring job's dtype auto on this device" : "tensor cores; the scoring job's dtype auto on this device"));
            Console.WriteLine(string.Format(inv, "throughput       {0:N0} tokens/s per device, {1:N0} tokens/s on {2}", plan.TokensPerSecondPerDevice,
                plan.TokensPerSecondPerDevice * devices, devices));
            Console.WriteLine(string.Format(inv, "time             {0:N1} hours wall clock on {1} device(s); {2:N1} device-hours", plan.WallHours, devices, plan.DeviceHours));
            if (result.GetValue(price) is { } perHour)
            {
                Console.WriteLine(string.Format(inv, "cost             {0:N0} (at {1} per device-hour)", plan.DeviceHours * perHour, perHour));
            }

            Console.WriteLine(string.Format(inv, "data             read ≈ {0:N0} GB of input; write ≈ {1:N1} GB of scores plus the selected share of the input",
                plan.InputBytes / 1e9, plan.ScoreBytes / 1e9));
            Console.WriteLine("cost drivers     device-hours (model size × tokens ÷ utilisation); input reads scale with tokens; prefix training is minutes and not counted");
            return 0;
        });
        return command;
    }
}
