using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace Lamdas.Testing;

/// <summary>
/// A private Azurite blob emulator for tests: started on a free loopback port with its own temporary data folder,
/// stopped (and the folder removed) on dispose. Azurite comes from <c>tests/tools/node_modules</c>, which
/// <c>./test.sh</c> installs; when it is missing, starting fails with a message saying so.
/// Use it as an xunit collection fixture (each test assembly declares its own <c>[CollectionDefinition]</c> of
/// <see cref="Collection"/>; xunit looks for those in the test assembly) or through <see cref="StartAsync"/>.
/// </summary>
public sealed partial class AzuriteServer : IAsyncLifetime
{
    /// <summary>The name test assemblies give their collection of tests sharing one emulator.</summary>
    public const string Collection = "Azurite";

    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _dataDirectory;

    /// <summary>The port Azurite listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The account's blob endpoint, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{AccountName}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var server = new AzuriteServer();
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Path of <c>tests/tools/node_modules/.bin/azurite-blob</c>; throws with the fix when it is not installed.</summary>
    public static string LocateExecutable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(tools, "package.json")))
            {
                var executable = Path.Combine(tools, "node_modules", ".bin", "azurite-blob");
                if (!File.Exists(executable))
                {
                    throw new InvalidOperationException(
                        $"Azurite (the Azure Storage emulator these tests run against) is not installed: {executable} is missing. Run ./test.sh, or `npm ci` in {tools}.");
                }

                return executable;
            }
        }

        throw new InvalidOperationException($"cannot find tests/tools/package.json above {AppContext.BaseDirectory}; run the tests from the repository (./test.sh installs Azurite)");
    }

    public async Task InitializeAsync()
    {
        var executable = LocateExecutable();
        _dataDirectory = Directory.CreateTempSubdirectory("azurite-").FullName;

        // A shell stays between us and Azurite: when our end of its stdin closes (on dispose, or because the
        // test host died), it kills Azurite, so no emulator outlives the tests.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" \"$@\" & child=$!; read -r _; kill $child 2>/dev/null; wait $child");
        foreach (var argument in new[] { executable, "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", _dataDirectory, "--silent", "--skipApiVersionCheck", "--loose" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"Azurite exited before listening:\n{Log()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var started = await Task.WhenAny(_listening.Task, Task.Delay(StartTimeout));
        if (started != _listening.Task)
        {
            await StopAsync();
            throw new TimeoutException($"Azurite did not start listening within {StartTimeout.TotalSeconds:0} s:\n{Log()}");
        }

        Port = await _listening.Task;
    }

    /// <summary>Creates a container with a fresh random name (or the given one) and returns its name.</summary>
    public async Task<string> CreateContainerAsync(string? name = null)
    {
        name ??= "t" + Guid.NewGuid().ToString("N")[..20];
        await new BlobServiceClient(ConnectionString).GetBlobContainerClient(name).CreateAsync();
        return name;
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        if (_dataDirectory is { } directory && Directory.Exists(directory))
        {
            _dataDirectory = null;
            Directory.Delete(directory, recursive: true);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => StopAsync();

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 64 * 1024)
            {
                _log.AppendLine(line);
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    [GeneratedRegex(@"listens on https?://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
