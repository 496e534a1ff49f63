using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Identity.Client;

namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>
/// Entra refused a token request. <see cref="Code"/> is the OAuth <c>error</c> (<c>invalid_client</c>,
/// <c>unauthorized_client</c>, ...) and <see cref="AadstsCode"/> the AADSTS number, which says why
/// (7000215 wrong secret, 700027 bad certificate assertion, 700016 unknown app, 90002 unknown tenant).
/// </summary>
public sealed partial class EntraTokenException : Exception
{
    public EntraTokenException(string code, int? aadstsCode, int? httpStatus, string message, Exception? inner)
        : base(message, inner)
    {
        Code = code;
        AadstsCode = aadstsCode;
        HttpStatus = httpStatus;
    }

    public string Code { get; }
    public int? AadstsCode { get; }
    public int? HttpStatus { get; }

    public static EntraTokenException From(MsalServiceException exception)
    {
        var aadsts = FromBody(exception.ResponseBody) ?? FromText(exception.Message);
        return new EntraTokenException(exception.ErrorCode, aadsts, exception.StatusCode, FirstLine(exception.Message), exception);
    }

    // The token endpoint answers {"error":"invalid_client","error_description":"AADSTS7000215: ...","error_codes":[7000215]}.
    private static int? FromBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error_codes", out var codes)
                && codes.ValueKind == JsonValueKind.Array && codes.GetArrayLength() > 0
                && codes[0].TryGetInt32(out var first))
            {
                return first;
            }

            return document.RootElement.TryGetProperty("error_description", out var description)
                ? FromText(description.GetString())
                : null;
        }
        catch (JsonException)
        {
            return FromText(body);
        }
    }

    private static int? FromText(string? text)
    {
        var match = text is null ? null : AadstsPattern().Match(text);
        return match is { Success: true } && int.TryParse(match.Groups[1].Value, out var number) ? number : null;
    }

    // Entra's descriptions carry trace and correlation ids on later lines; the first line is the reason.
    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    [GeneratedRegex(@"AADSTS(\d+)")]
    private static partial Regex AadstsPattern();
}
