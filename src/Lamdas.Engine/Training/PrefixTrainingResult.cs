using Lamdas.Engine.Prefix;

namespace Lamdas.Engine.Training;

/// <summary>The trained prefix and the validation NLL (nats/token) without and with it.</summary>
public sealed record PrefixTrainingResult(DomainPrefix Prefix, double ValidationNllBase, double ValidationNllPrefix);
