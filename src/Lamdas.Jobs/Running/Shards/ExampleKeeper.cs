namespace Lamdas.Jobs.Running;

/// <summary>Keeps the highest and lowest scored documents (ties broken by id) for the report.</summary>
internal sealed class ExampleKeeper(int count)
{
    private readonly List<Example> _top = [];
    private readonly List<Example> _bottom = [];

    public IReadOnlyList<Example> Top => _top;

    public IReadOnlyList<Example> Bottom => _bottom;

    public void Offer(string id, double score, int tokens, Func<string> snippet)
    {
        if (double.IsNaN(score))
        {
            return;
        }

        if (_top.Count < count || Compare(score, id, _top[^1]) > 0)
        {
            Insert(_top, new Example(id, score, tokens, snippet()), descending: true);
        }

        if (_bottom.Count < count || Compare(score, id, _bottom[^1]) < 0)
        {
            Insert(_bottom, new Example(id, score, tokens, snippet()), descending: false);
        }
    }

    public void Merge(IEnumerable<Example> topExamples, IEnumerable<Example> bottomExamples)
    {
        foreach (var e in topExamples)
        {
            Offer(e.Id, e.Score, e.Tokens, () => e.Snippet);
        }

        foreach (var e in bottomExamples)
        {
            Offer(e.Id, e.Score, e.Tokens, () => e.Snippet);
        }
    }

    private static int Compare(double score, string id, Example other)
    {
        var c = score.CompareTo(other.Score);
        return c != 0 ? c : string.CompareOrdinal(other.Id, id);
    }

    private void Insert(List<Example> list, Example example, bool descending)
    {
        if (list.Any(e => e.Id == example.Id && e.Score.Equals(example.Score)))
        {
            return;
        }

        list.Add(example);
        list.Sort((a, b) =>
        {
            var c = descending ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        if (list.Count > count)
        {
            list.RemoveAt(list.Count - 1);
        }
    }
}
