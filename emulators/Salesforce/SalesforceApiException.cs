namespace OutlookCrm.Emulators.Salesforce;

/// <summary>One entry of Salesforce's error array: <c>{"message","errorCode","fields"}</c>.</summary>
public sealed record ApiError(string ErrorCode, string Message, string[]? Fields = null);

/// <summary>An answer made of Salesforce errors; the HTTP layer writes it through <see cref="SalesforceErrors"/>.</summary>
public sealed class SalesforceApiException(int status, IReadOnlyList<ApiError> errors)
    : Exception(errors.Count > 0 ? $"{errors[0].ErrorCode}: {errors[0].Message}" : "Salesforce error")
{
    public SalesforceApiException(int status, string errorCode, string message, string[]? fields = null)
        : this(status, [new ApiError(errorCode, message, fields)])
    {
    }

    public int Status { get; } = status;
    public IReadOnlyList<ApiError> Errors { get; } = errors;

    public static SalesforceApiException NotFound() => new(404, "NOT_FOUND", "The requested resource does not exist");

    public static SalesforceApiException SessionInvalid() => new(401, "INVALID_SESSION_ID", "Session expired or invalid");
}
