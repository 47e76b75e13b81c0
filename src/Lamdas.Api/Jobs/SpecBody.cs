using System.Buffers;
using System.Text;
using Lamdas.Api.Responses;
using Microsoft.AspNetCore.Http;

namespace Lamdas.Api.Jobs;

/// <summary>
/// Reads a job specification from a request body, streamed, never holding more than the limit: a declared or chunked
/// body over it is refused with 413 as soon as the limit is passed, and bytes that are not UTF-8 with 400.
/// </summary>
internal static class SpecBody
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text, or the error to answer with.</summary>
    public static async Task<(string? Text, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, 64 * 1024) + 1);
        try
        {
            using var body = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                body.Write(buffer, 0, read);
            }

            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            if (bytes.StartsWith(Encoding.UTF8.Preamble))
            {
                bytes = bytes[Encoding.UTF8.Preamble.Length..];
            }

            try
            {
                return (Strict.GetString(bytes), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, ApiResults.Json(
                    new SpecErrorResponse("invalid job specification", ["the request body is not UTF-8 text"]), StatusCodes.Status400BadRequest));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"the job specification is larger than {maxBytes} bytes (Lamdas:Limits:MaxSpecBytes)");
}
