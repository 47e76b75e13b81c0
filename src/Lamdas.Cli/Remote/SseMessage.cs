namespace Lamdas.Cli.Commands;

/// <summary>One server-sent event: its name (<c>message</c> when unnamed) and its data lines joined by '\n'.</summary>
internal sealed record SseMessage(string Event, string Data);
