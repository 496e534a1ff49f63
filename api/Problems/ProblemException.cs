namespace OutlookCrm.Api.Problems;

/// <summary>A known failure that becomes a problem+json answer with its status (404, 409, 403...).</summary>
public class ProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
