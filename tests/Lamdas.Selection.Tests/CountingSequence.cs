using System.Collections;

namespace Lamdas.Selection.Tests;

/// <summary>A sequence that counts how often it is enumerated (to check single-pass, streaming consumption).</summary>
internal sealed class CountingSequence(IEnumerable<string> items) : IEnumerable<string>
{
    public int Enumerations { get; private set; }

    public IEnumerator<string> GetEnumerator()
    {
        Enumerations++;
        return items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
