using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>Every key of values.yaml carries a helm-docs <c># --</c> comment.</summary>
public sealed class ValuesCommentTests
{
    private static readonly string Values = File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"));

    [Fact]
    public void EveryKeyIsDocumented()
    {
        Assert.Empty(ValuesComments.Undocumented(Values));
    }

    [Fact]
    public void AKeyWithoutItsCommentIsReported()
    {
        const string replicas = "  # -- Number of silos.\n";
        Assert.Contains(replicas, Values);
        using var temp = new TempDirectory();
        var file = temp.Write("values.yaml", Values.Replace(replicas, "", StringComparison.Ordinal));

        var problem = Assert.Single(ValuesComments.Undocumented(File.ReadAllText(file)));

        Assert.StartsWith("silo.replicas (line ", problem);
    }

    [Fact]
    public void APlainCommentOrASeparatedCommentDoesNotCount()
    {
        const string text = """
            # -- Documented.
            a: 1
            # Not a helm-docs comment.
            b: 2
            # -- Separated by a blank line.

            c:
              # -- Nested and documented.
              d: 3
              e: [1, 2]
            # -- A list.
            f:
              # -- Item key.
              - g: 1
                h: 2
            """;

        Assert.Equal(["b (line 4)", "c (line 7)", "c.e (line 10)", "f[0].h (line 15)"], ValuesComments.Undocumented(text));
    }
}
