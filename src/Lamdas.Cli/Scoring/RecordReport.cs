namespace Lamdas.Cli.Commands;

/// <summary>Counts processed and bad records and reports each bad one on stderr.</summary>
internal sealed class RecordReport
{
    private const int MaxReported = 100;

    public long Processed { get; private set; }

    public long Bad { get; private set; }

    public void Ok() => Processed++;

    public void Reject(Io.InputRecord record)
    {
        Bad++;
        if (Bad <= MaxReported)
        {
            Console.Error.WriteLine($"warning: skipped {record.Describe()}: {record.Error}");
        }
        else if (Bad == MaxReported + 1)
        {
            Console.Error.WriteLine("warning: further bad records are counted but not listed");
        }
    }

    public void Summarise(string verb)
    {
        Console.Error.WriteLine(Bad == 0
            ? $"{verb} {Processed} documents"
            : $"{verb} {Processed} documents; {Bad} bad records skipped");
    }
}
