using System.CommandLine;
using System.Globalization;
using System.Text;
using Lamdas.Engine.Model;
using Lamdas.Engine.Planning;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>plan --tokens 100B --gpus 8 --gpu a100|h100|cpu [--model DIR|qwen2.5-0.5b] [--max-tokens N] [--scored-fraction F]
/// [--mean-scored-tokens L] [--pass-rate P] [--from-manifest PATH]</c>: capacity planning, with the scoring
/// configurations side by side.
/// </summary>
internal static class PlanCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var tokens = new Option<string>("--tokens") { Description = "candidate tokens to score, before truncation (100B, 2.5T, 40M…)", Required = true };
        var gpus = new Option<int>("--gpus") { Description = "devices (silos) scoring in parallel", DefaultValueFactory = _ => 1 };
        var gpu = new Option<string>("--gpu") { Description = "device kind: a100, h100 or cpu", DefaultValueFactory = _ => "a100" };
        var model = new Option<string>("--model") { Description = "model directory (config.json) or preset qwen2.5-0.5b", DefaultValueFactory = _ => "qwen2.5-0.5b" };
        var maxTokens = new Option<int?>("--max-tokens", "--doc-tokens")
        {
            Description = "the job's max_tokens: documents are truncated to this many scored tokens (default: the job default, " + JobSpec.DefaultMaxTokens.ToString(Inv) + ")",
        };
        var scoredFraction = new Option<double?>("--scored-fraction")
        {
            Description = "scored tokens per candidate token, 0 < F <= 1 (default 1: every candidate token is scored)",
        };
        var meanScored = new Option<double?>("--mean-scored-tokens")
        {
            Description = "mean scored length of a document in tokens, at most max_tokens (default: max_tokens)",
        };
        var prefix = new Option<int?>("--prefix-length") { Description = "prefix positions (default 30)" };
        var window = new Option<int?>("--window-tokens")
        {
            Description = "window of the second scoring view (0 = whole context only; default: the job's, 64 where documents are longer)",
        };
        var passRate = new Option<double?>("--pass-rate")
        {
            Description = "cascade: share of candidate documents the first stage lets through to the LLM passes, 0 < P <= 1",
        };
        var pilot = new Option<int?>("--pilot-documents") { Description = "cascade: documents of the pilot sample, scored at full price (default " + CascadeSpec.DefaultPilotDocuments.ToString(Inv) + ", the job default)" };
        var manifest = new Option<string?>("--from-manifest")
        {
            Description = "a job's manifest.json (local path): max_tokens, window, prefix length and the cascade's measured figures; options given here win",
        };
        var price = new Option<double?>("--price-per-hour") { Description = "price of one device-hour, to print a cost" };
        var domains = new Option<int>("--domains") { Description = "domains selected in one job (domains:): without a cascade they share the base pass", DefaultValueFactory = _ => 1 };
        var cacheHit = new Option<double>("--cache-hit")
        {
            Description = "share of the passes already in the score store, 0 <= H < 1 (a nightly run where 1 - H of the corpus changed)",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("plan", "Estimate hours and cost drivers of scoring a corpus from the FLOP count and a per-device throughput model")
        {
            tokens, gpus, gpu, model, maxTokens, scoredFraction, meanScored, prefix, window, passRate, pilot, manifest, price, domains, cacheHit,
        };
        command.SetAction(result =>
        {
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

            var manifestPath = result.GetValue(manifest);
            var m = manifestPath is null ? null : ReadManifest(manifestPath);
            var from = $"in {manifestPath}";

            // Command-line values win over the manifest's; the source of each is kept for messages.
            var (max, maxSource) = Pick(result.GetValue(maxTokens), "--max-tokens", m?.MaxTokens, "spec.max_tokens " + from, JobSpec.DefaultMaxTokens);
            if (max < 1)
            {
                throw new CliException($"{maxSource} must be at least 1 (got {max})");
            }

            var (fraction, fractionSource) = Pick(result.GetValue(scoredFraction), "--scored-fraction", m?.ScoredFraction,
                "cascade.scored_tokens_per_document / candidate_tokens_per_document " + from, 1.0);
            if (!(fraction > 0 && fraction <= 1))
            {
                throw new CliException(string.Create(Inv, $"{fractionSource} must be a share of the candidate tokens, 0 < F <= 1 (got {fraction})"));
            }

            var (mean, meanSource) = Pick(result.GetValue(meanScored), "--mean-scored-tokens", m?.ScoredTokensPerDocument,
                "cascade.scored_tokens_per_document " + from, (double)max);
            if (!(mean >= 1 && mean <= max))
            {
                throw new CliException(string.Create(Inv, $"{meanSource} must be between 1 and max_tokens ({max}) (got {mean})"));
            }

            var (prefixLength, prefixSource) = Pick(result.GetValue(prefix), "--prefix-length", m?.PrefixLength, "spec.prefix.length " + from, 30);
            if (prefixLength < 0)
            {
                throw new CliException($"{prefixSource} must be 0 or more");
            }

            var (windowTokens, windowSource) = Pick(result.GetValue(window), "--window-tokens", m?.WindowTokens, "spec.window_tokens " + from,
                Lamdas.Jobs.Spec.WindowDefaults.For(max));
            if (windowTokens < 0)
            {
                throw new CliException($"{windowSource} must be 0 (off) or positive");
            }

            var (rate, rateSource) = Pick(result.GetValue(passRate), "--pass-rate", m?.PassRate, "cascade.pass_rate " + from, (double?)null);
            if (rate is { } r && !(r > 0 && r <= 1))
            {
                throw new CliException(string.Create(Inv, $"{rateSource} must be a share of the candidate documents, 0 < P <= 1 (got {r})"));
            }

            var (pilotDocuments, pilotSource) = Pick(result.GetValue(pilot), "--pilot-documents", m?.PilotDocuments, "cascade.pilot_documents " + from, CascadeSpec.DefaultPilotDocuments);
            if (pilotDocuments < 0)
            {
                throw new CliException($"{pilotSource} must be 0 or more");
            }

            var domainCount = result.GetValue(domains);
            if (domainCount is < 1 or > 1024)
            {
                throw new CliException($"--domains must be between 1 and 1024 (got {domainCount})");
            }

            var hit = result.GetValue(cacheHit);
            if (!(hit >= 0 && hit < 1))
            {
                throw new CliException(string.Create(Inv, $"--cache-hit must be a share of the passes, 0 <= H < 1 (got {hit})"));
            }

            if (result.GetValue(price) is < 0)
            {
                throw new CliException("--price-per-hour must be 0 or more");
            }

            var modelArg = result.GetValue(model)!;
            var config = Directory.Exists(modelArg)
                ? ModelConfig.Load(modelArg)
                : ModelConfig.Parse(ModelPresets.Resolve(modelArg, 151643, 151643), modelArg);
            var inputs = new PlanInputs
            {
                CandidateTokens = count,
                Devices = devices,
                Device = device,
                MaxTokens = max,
                ScoredFraction = fraction,
                MeanScoredTokens = mean,
                PrefixLength = prefixLength,
                WindowTokens = windowTokens,
                PassRate = rate,
                PilotDocuments = pilotDocuments,
                PricePerHour = result.GetValue(price),
                Domains = domainCount,
                CacheHitShare = hit,
            };
            var rows = CapacityPlanner.Compare(config, inputs, Lamdas.Jobs.Spec.WindowDefaults.Tokens);
            var plan = rows.Single(row => row.IsDefault).Plan;
            var assumed = new List<string>();
            if (fractionSource == "default")
            {
                assumed.Add("every candidate token is scored (F = 1)");
            }

            if (meanSource == "default")
            {
                assumed.Add($"every document fills max_tokens ({max} scored tokens)");
            }

            Console.WriteLine(string.Format(Inv, "model            {0}: {1:N0} matmul weights; max_tokens {2}, {3}-position prefix",
                modelArg, plan.MatmulParameters, max, prefixLength));
            if (m is not null)
            {
                Console.WriteLine($"manifest         {manifestPath}: {Describe(m)}");
            }

            Console.WriteLine(string.Format(Inv, "tokens           {0} candidate tokens × {1:0.###} scored per candidate token = {2} scored tokens, {3:N1} per document on average",
                Count(plan.CandidateTokens), fraction, Count(plan.ScoredTokens), mean));
            if (assumed.Count > 0)
            {
                Console.WriteLine("                 assumed: " + string.Join(" and ", assumed) +
                    " (give --scored-fraction and --mean-scored-tokens, or --from-manifest, to plan what is really scored)");
            }

            if (rate is { } p)
            {
                Console.WriteLine(string.Format(Inv, "cascade          pass rate {0:0.###} ({1}): {2} of the scored tokens plus a pilot of {3:N0} documents ({4} tokens) at full price = {5} tokens ({6:P1}) through the two LLM passes",
                    p, rateSource == "--pass-rate" ? "--pass-rate" : "measured, " + rateSource, Count(p * plan.ScoredTokens), pilotDocuments,
                    Count(plan.PilotTokens), Count(plan.Tokens), plan.LlmShare));
                Console.WriteLine("first stage      DSIR hashed n-grams on CPU, microseconds per document: counted as negligible");
            }
            else
            {
                Console.WriteLine("cascade          none: every scored token goes through the two LLM passes (--pass-rate, or --from-manifest with a cascade, adds a first stage)");
            }

            Console.WriteLine(string.Format(Inv, "compute          {0:F2} GFLOP per scored token ({3}) × {1} tokens = {2:E2} FLOP",
                plan.FlopsPerToken / 1e9, Count(plan.Tokens), plan.TotalFlops,
                windowTokens > 0 && windowTokens < mean
                    ? $"two forward passes, and again for the tokens after the first {windowTokens}-token window"
                    : windowTokens > 0 ? "two forward passes, twice: the window is not shorter than the documents" : "two forward passes"));
            Console.WriteLine(string.Format(Inv, "device           {0}: {1:G4} TFLOP/s effective ({2})", device.Name, device.EffectiveFlops / 1e12, device.Basis));
            Console.WriteLine(string.Format(Inv, "dtype            {0} ({1})", device.DType,
                device.DType == "float32" ? "the scoring job's dtype auto on this device" : "tensor cores; the scoring job's dtype auto on this device"));
            Console.WriteLine(string.Format(Inv, "throughput       {0:N0} scored tokens/s per device ({1:N0} candidate tokens/s), {2:N0} candidate tokens/s on {3}",
                plan.TokensPerSecondPerDevice, plan.CandidateTokensPerSecondPerDevice, plan.CandidateTokensPerSecondPerDevice * devices, devices));
            Console.WriteLine(string.Format(Inv, "time             {0:N1} hours wall clock on {1} device(s); {2:N1} device-hours", plan.WallHours, devices, plan.DeviceHours));
            if (result.GetValue(price) is { } perHour)
            {
                Console.WriteLine(string.Format(Inv, "cost             {0:N0} (at {1} per device-hour)", plan.DeviceHours * perHour, perHour));
            }

            Console.WriteLine(string.Format(Inv, "data             read ≈ {0:N0} GB of input; write ≈ {1:N1} GB of scores plus the selected share of the input",
                plan.InputBytes / 1e9, plan.ScoreBytes / 1e9));
            Console.WriteLine("cost drivers     device-hours (model size × scored tokens ÷ utilisation); input reads scale with candidate tokens; prefix training is minutes and not counted");
            if (domainCount > 1 || hit > 0)
            {
                var alone = CapacityPlanner.Compare(config, inputs with { Domains = 1, CacheHitShare = 0 }, Lamdas.Jobs.Spec.WindowDefaults.Tokens)
                    .Single(row => row.IsDefault).Plan;
                Console.WriteLine(string.Format(Inv, "reuse            {0} domain(s) in one job{1}; {2:P0} of the passes from the score store: {3:0.###} × one domain's work = {4:N1} wall hours; without them ({0} separate job(s), no store) {5:N1} wall hours",
                    domainCount, rate is null ? " sharing the base pass" : " (with a cascade each domain's LLM set is its own: nothing shared)", hit, plan.WorkFactor,
                    plan.WallHours, alone.WallHours * domainCount));
            }

            Console.WriteLine();
            Console.Write(Table(rows, devices, windowTokens, rate is not null));
            return 0;
        });
        return command;
    }

    private static PlanManifest ReadManifest(string path)
    {
        try
        {
            return PlanManifest.Read(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"--from-manifest {path}: no such file");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--from-manifest {e.Message}");
        }
    }

    private static (T Value, string Source) Pick<T>(T? given, string option, T? fromManifest, string manifestSource, T fallback)
        where T : struct =>
        given is { } g ? (g, option) : fromManifest is { } f ? (f, manifestSource) : (fallback, "default");

    private static (double? Value, string Source) Pick(double? given, string option, double? fromManifest, string manifestSource, double? fallback) =>
        given is { } g ? (g, option) : fromManifest is { } f ? (f, manifestSource) : (fallback, "default");

    private static string Describe(PlanManifest m)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(Inv, $"{name} {value}"));
            }
        }

        Add("max_tokens", m.MaxTokens);
        Add("window_tokens", m.WindowTokens);
        Add("prefix length", m.PrefixLength);
        Add("cascade", m.Method);
        Add("pass rate", m.PassRate);
        Add("pilot", m.PilotDocuments is { } d ? string.Create(Inv, $"{d} documents ({m.PilotKept?.ToString(Inv) ?? "?"} kept)") : null);
        Add("recall", m.Recall is { } rc ? string.Create(Inv,
            $"{rc:0.###}{(m.RecallLower is { } lo ? $" (≥ {lo:0.###} at {m.Confidence ?? 0.95:P0} confidence)" : "")}{(m.TargetRecall is { } t ? $", target {t:0.###}" : "")}") : null);
        Add("tokens per document", m.CandidateTokensPerDocument is { } c && m.ScoredTokensPerDocument is { } s
            ? string.Create(Inv, $"{c:0.#} candidate, {s:0.#} scored") : null);
        return parts.Count == 0 ? "nothing the plan uses" : string.Join("; ", parts);
    }

    private static string Table(IReadOnlyList<PlanConfiguration> rows, int devices, int windowTokens, bool cascadeKnown)
    {
        var withCost = rows[0].Cost is not null;
        var header = new List<string> { "configuration", "LLM tokens/cand. token", "GFLOP/cand. token", "cand. tokens/s/device", $"wall h on {devices}", "device-hours" };
        if (withCost)
        {
            header.Add("cost");
        }

        var lines = new List<string[]> { header.ToArray() };
        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                (row.IsDefault ? "* " : "  ") + row.Name,
                row.LlmTokensPerCandidateToken.ToString("F3", Inv),
                (row.FlopsPerCandidateToken / 1e9).ToString("F3", Inv),
                row.CandidateTokensPerSecondPerDevice.ToString("N0", Inv),
                row.WallHours.ToString("N1", Inv),
                row.DeviceHours.ToString("N1", Inv),
            };
            if (withCost)
            {
                cells.Add(row.Cost!.Value.ToString("N0", Inv));
            }

            lines.Add(cells.ToArray());
        }

        var widths = Enumerable.Range(0, header.Count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendLine(string.Join("  ", line.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        if (!cascadeKnown)
        {
            text.AppendLine("  cascade rows need a pass rate: --pass-rate, or --from-manifest of a job that ran a cascade");
        }

        var windowed = windowTokens > 0 ? string.Create(Inv, $"windowed ({windowTokens}-token windows)") : "whole context only (window_tokens 0)";
        text.AppendLine("* the job's defaults: " + windowed + (cascadeKnown ? ", with the cascade (a pass rate is known)" : "")
            + ". LLM tokens count each forward pass.");
        return text.ToString();
    }

    /// <summary>A token count in the units of --tokens: 100B, 42B, 1.02M.</summary>
    private static string Count(double value) => value switch
    {
        >= 1e12 => (value / 1e12).ToString("0.##", Inv) + "T",
        >= 1e9 => (value / 1e9).ToString("0.##", Inv) + "B",
        >= 1e6 => (value / 1e6).ToString("0.##", Inv) + "M",
        >= 1e3 => (value / 1e3).ToString("0.##", Inv) + "K",
        _ => value.ToString("0.##", Inv),
    };
}
