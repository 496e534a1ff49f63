using OutlookCrm.Core.Connectors.Salesforce.Crm;
using System.Text.Json.Serialization;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Admin.Connections;

/// <summary>The answer of a connection test (CONTRACT.md §3): steps in order, each with the remote code and a hint when it failed.</summary>
public sealed record ConnectionTestResponse(bool Ok, IReadOnlyList<TestStepResponse> Steps, long ElapsedMs)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CrmLimits? Limits { get; init; }

    public static ConnectionTestResponse From(ConnectionTestResult result) =>
        new(result.Ok, result.Steps.Select(TestStepResponse.From).ToList(), result.ElapsedMs);
}

public sealed record TestStepResponse(
    string Name,
    bool Ok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ElapsedMs)
{
    public static TestStepResponse From(TestStep step) => new(step.Name, step.Ok, step.Code, step.Message, step.Hint, step.ElapsedMs);
}

/// <summary>The CRM's API allowance as the test found it.</summary>
public sealed record CrmLimits(ApiLimit? DailyApiRequests);

