using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Salesforce.Http;

// Envelopes as Salesforce documents them; kept inside the connector (emulators have their own).

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("instance_url")] string InstanceUrl,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken = null,
    [property: JsonPropertyName("issued_at")] string? IssuedAt = null,
    [property: JsonPropertyName("id")] string? IdentityUrl = null);

internal sealed record QueryResponse<T>(
    [property: JsonPropertyName("totalSize")] int TotalSize,
    [property: JsonPropertyName("done")] bool Done,
    [property: JsonPropertyName("nextRecordsUrl")] string? NextRecordsUrl,
    [property: JsonPropertyName("records")] IReadOnlyList<T> Records);

internal sealed record SearchResponse<T>([property: JsonPropertyName("searchRecords")] IReadOnlyList<T> SearchRecords);

/// <summary>A per-record result of sObject Collections; its errors use <c>statusCode</c>, not <c>errorCode</c>.</summary>
internal sealed record SaveResult(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("errors")] IReadOnlyList<SaveError>? Errors,
    [property: JsonPropertyName("created")] bool? Created = null);

internal sealed record SaveError(
    [property: JsonPropertyName("statusCode")] string? StatusCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("fields")] IReadOnlyList<string>? Fields);

internal sealed record CompositeResponse([property: JsonPropertyName("compositeResponse")] IReadOnlyList<CompositeSubresponse> Responses);

internal sealed record CompositeSubresponse(
    [property: JsonPropertyName("body")] JsonElement Body,
    [property: JsonPropertyName("httpStatusCode")] int HttpStatusCode,
    [property: JsonPropertyName("referenceId")] string ReferenceId);

internal sealed record DeletedResponse(
    [property: JsonPropertyName("deletedRecords")] IReadOnlyList<DeletedRecord> DeletedRecords,
    [property: JsonPropertyName("earliestDateAvailable")] string? EarliestDateAvailable,
    [property: JsonPropertyName("latestDateCovered")] string? LatestDateCovered);

internal sealed record DeletedRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("deletedDate")] string? DeletedDate);

internal sealed record DescribeResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("fields")] IReadOnlyList<DescribeField> Fields);

internal sealed record DescribeField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("externalId")] bool ExternalId,
    [property: JsonPropertyName("unique")] bool Unique,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("createable")] bool Createable = false,
    [property: JsonPropertyName("updateable")] bool Updateable = false);

internal sealed record LimitValue(
    [property: JsonPropertyName("Max")] long Max,
    [property: JsonPropertyName("Remaining")] long Remaining);
