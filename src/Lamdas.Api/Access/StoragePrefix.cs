using Lamdas.Storage;
namespace Lamdas.Api.Access;

/// <summary>A configured storage prefix: the text as written (shown to clients) and its normalized location.</summary>
public sealed record StoragePrefix(string Configured, StorageLocation Location);
