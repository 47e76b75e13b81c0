namespace Lamdas.Cli.Commands;

/// <summary>
/// When a progress line goes to a log rather than a terminal (a CronJob, a redirect, <c>--plain</c>): a line is
/// printed only when it differs from the last one printed, at most once per <see cref="Interval"/>; a phase change
/// and the final line are printed at once (the final line unless it is the line printed last).
/// </summary>
internal sealed class ProgressThrottle(TimeProvider time, TimeSpan interval)
{
    /// <summary>The interval between two plain progress lines of the same phase.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private string? _phase;
    private string? _line;
    private DateTimeOffset _printed = DateTimeOffset.MinValue;
    private bool _finalPrinted;

    public ProgressThrottle()
        : this(TimeProvider.System, DefaultInterval)
    {
    }

    public TimeSpan Interval => interval;

    /// <summary>
    /// Whether <paramref name="line"/> (of <paramref name="phase"/>) is to be printed now; if so, it is taken as printed.
    /// With <paramref name="final"/> (the job's last line: it finished) it is printed unless it is the line printed last,
    /// and nothing is printed after it.
    /// </summary>
    public bool ShouldPrint(string phase, string line, bool final = false)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(line);
        var now = time.GetUtcNow();
        bool print;
        if (final)
        {
            print = !_finalPrinted && !string.Equals(line, _line, StringComparison.Ordinal);
            _finalPrinted = true;
        }
        else
        {
            print = !_finalPrinted
                && (!string.Equals(phase, _phase, StringComparison.Ordinal)
                    || (!string.Equals(line, _line, StringComparison.Ordinal) && now - _printed >= interval));
        }

        if (print)
        {
            (_phase, _line, _printed) = (phase, line, now);
        }

        return print;
    }
}
