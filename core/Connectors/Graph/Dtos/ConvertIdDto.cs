namespace OutlookCrm.Core.Connectors.Graph.Dtos;

/// <summary>The body of <c>POST /users/{id}/translateExchangeIds</c> (≤ 1,000 ids of one format and one mailbox).</summary>
internal sealed record TranslateExchangeIdsDto(IReadOnlyList<string> InputIds, string SourceIdType, string TargetIdType);

/// <summary>One translated id (https://learn.microsoft.com/graph/api/resources/convertidresult): a target id or the reason it failed.</summary>
internal sealed record ConvertIdResultDto(string? SourceId, string? TargetId, GenericErrorDto? ErrorDetails);

internal sealed record GenericErrorDto(string? Code, string? Message);
