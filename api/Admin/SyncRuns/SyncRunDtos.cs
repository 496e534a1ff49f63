using System.Text.Json.Serialization;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Admin.SyncRuns;

/// <summary><c>POST /api/admin/sync-runs</c>: the mailbox to sync now.</summary>
public sealed record SyncRunRequest(string? Mailbox);

public sealed class SyncRunRequestValidator : FluentValidation.AbstractValidator<SyncRunRequest>
{
    public SyncRunRequestValidator() => RuleFor(r => r.Mailbox).Email();
}

public sealed record SyncRunCreated(string Id);

/// <summary><c>GET /api/admin/sync-runs/{id}</c> (CONTRACT.md §3) plus the run's times and error.</summary>
public sealed record SyncRunResponse(
    string Id, string Mailbox, string State, SyncRunProgress Progress, DateTimeOffset RequestedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FinishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public static SyncRunResponse From(SyncRun run) => new(
        run.Id, run.Mailbox, run.State, new SyncRunProgress(run.ProgressDone, run.ProgressTotal), run.RequestedAt, run.StartedAt, run.FinishedAt, run.Error);
}

public sealed record SyncRunProgress(int Done, int Total);
