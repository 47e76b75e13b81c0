using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace Lamdas.Cli.Commands;

/// <summary><c>hash-key KEY</c>: the SHA-256 hex of an API key, for a team's <c>ApiKeySha256</c> in the cluster's configuration.</summary>
internal static class HashKeyCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("key") { Description = "the API key ('-' reads it from standard input, keeping it out of shell history)" };
        var command = new Command("hash-key", "Print the SHA-256 (hex) of an API key, to put in Lamdas:Teams:N:ApiKeySha256") { key };
        command.SetAction(result =>
        {
            var value = result.GetValue(key)!;
            if (value == "-")
            {
                value = Console.In.ReadLine()?.TrimEnd('\r', '\n') ?? "";
            }

            if (value.Length == 0)
            {
                throw new CliException("the API key is empty");
            }

            // The same as the server's Lamdas.Api.Teams.ApiKeyHash: lowercase hex SHA-256 of the UTF-8 key.
            Console.WriteLine(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))));
            return 0;
        });
        return command;
    }
}
