namespace Lamdas.SafeTensors.Tests;

public sealed class CheckpointFileNamesTests
{
    [Fact]
    public void ShardNamesFollowTheHuggingFacePattern()
    {
        Assert.Equal("model-00001-of-00002.safetensors", CheckpointFileNames.Shard(1, 2));
        Assert.Equal("model-00012-of-00030.safetensors", CheckpointFileNames.Shard(12, 30));
    }

    [Theory]
    [InlineData("model-00001-of-00002.safetensors", true)]
    [InlineData("model.safetensors", false)]
    [InlineData("model-00001-of-.safetensors", false)]
    [InlineData("model-x-of-00002.safetensors", false)]
    [InlineData("other-00001-of-00002.safetensors", false)]
    public void IsShardRecognisesShardNames(string name, bool expected)
    {
        Assert.Equal(expected, CheckpointFileNames.IsShard(name));
    }
}
