namespace Lamdas.Storage.Tests;

public sealed class RealPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LinksAreResolvedInEveryComponent()
    {
        var file = _dir.Write("real/sub/file.txt", "x");
        Directory.CreateSymbolicLink(_dir.Path + "/rel", "real");                  // relative target
        Directory.CreateSymbolicLink(_dir.Path + "/abs", _dir.Path + "/rel/sub");  // absolute target, itself through a link
        File.CreateSymbolicLink(_dir.Path + "/real/sub/alias.txt", "file.txt");

        Assert.Equal(file, RealPath.Resolve(_dir.Path + "/rel/sub/file.txt"));
        Assert.Equal(file, RealPath.Resolve(_dir.Path + "/abs/alias.txt"));
        Assert.Equal(_dir.Path + "/real/sub", RealPath.Resolve(_dir.Path + "/abs/"));
    }

    [Fact]
    public void DotDotAfterALinkIsTheParentOfItsTarget()
    {
        _dir.Write("a/b/c/file.txt", "x");
        Directory.CreateSymbolicLink(_dir.Path + "/deep", _dir.Path + "/a/b/c");

        Assert.Equal(_dir.Path + "/a/b/other", RealPath.Resolve(_dir.Path + "/deep/../other"));
        Assert.Equal(_dir.Path + "/a/b", RealPath.Resolve(_dir.Path + "/deep/./.."));
        Assert.Equal("/", RealPath.Resolve("/../.."));
    }

    [Fact]
    public void MissingPartsAreAppendedAsWritten()
    {
        Directory.CreateSymbolicLink(_dir.Path + "/link", _dir.Path + "/real");
        Directory.CreateDirectory(_dir.Path + "/real");

        Assert.Equal(_dir.Path + "/real/not/there.txt", RealPath.Resolve(_dir.Path + "/link/not/there.txt"));
        Assert.Equal(_dir.Path + "/real/x", RealPath.Resolve(_dir.Path + "/link/not/../x"));
    }

    [Fact]
    public void ADanglingLinkResolvesToWhereItPoints()
    {
        File.CreateSymbolicLink(_dir.Path + "/dangling", "/nowhere/at/all");

        Assert.Equal("/nowhere/at/all", RealPath.Resolve(_dir.Path + "/dangling"));
    }

    [Fact]
    public void ALoopFailsInsteadOfSpinning()
    {
        File.CreateSymbolicLink(_dir.Path + "/a", _dir.Path + "/b");
        File.CreateSymbolicLink(_dir.Path + "/b", _dir.Path + "/a");

        var error = Assert.Throws<IOException>(() => RealPath.Resolve(_dir.Path + "/a/x"));

        Assert.Contains("too many levels of symbolic links", error.Message);
    }

    [Fact]
    public void AnOpenFileIsFoundWhereItIsNotWhereItWasOpened()
    {
        var file = _dir.Write("real/file.txt", "x");
        File.CreateSymbolicLink(_dir.Path + "/alias.txt", file);
        using var stream = File.OpenRead(_dir.Path + "/alias.txt");

        File.Delete(_dir.Path + "/alias.txt");
        File.CreateSymbolicLink(_dir.Path + "/alias.txt", _dir.Path + "/elsewhere.txt");

        Assert.Equal(file, RealPath.OfHandle(stream.SafeFileHandle, _dir.Path + "/alias.txt"));
    }

    [Theory]
    [InlineData("/data/a", "/data/a", true)]
    [InlineData("/data/a", "/data/a/x", true)]
    [InlineData("/data/a", "/data/ab", false)]
    [InlineData("/data/a", "/data", false)]
    [InlineData("/", "/anything", true)]
    public void PrefixesContainWholeSegments(string prefix, string path, bool contained)
    {
        Assert.Equal(contained, PathPrefix.Contains(PathPrefix.Normalize(prefix), path));
    }
}
