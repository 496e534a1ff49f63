using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OutlookCrm.Emulators.Common.Admin;

/// <summary><c>/__admin</c> routes every emulator shares (reset, journal, faults and their tally, latency, throttling record).</summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app, EmulatorAdmin admin, Action resetState)
    {
        var group = app.MapGroup("/__admin");
        group.MapPost("/reset", () =>
        {
            admin.Reset();
            resetState();
            return Results.NoContent();
        });
        group.MapGet("/journal", (string? operation) =>
        {
            var entries = admin.Journal.Entries.Where(e => operation is null || e.Operation == operation).TakeLast(1000);
            return Results.Json(new { total = admin.Journal.Total, byOperation = admin.Journal.ByOperation, batchMembers = admin.BatchMembers.ByOperation, entries });
        });
        group.MapDelete("/journal", () =>
        {
            admin.Journal.Clear();
            admin.BatchMembers.Clear();
            return Results.NoContent();
        });
        group.MapPost("/faults", (FaultRule[] rules) =>
        {
            admin.Faults.Add(rules);
            return Results.Json(new { pending = admin.Faults.Pending });
        });
        group.MapGet("/faults", () => Results.Json(new { pending = admin.Faults.Pending, holding = admin.Faults.Holding, injected = admin.Faults.Injected }));
        group.MapDelete("/faults", () =>
        {
            admin.Faults.Clear();
            return Results.NoContent();
        });
        group.MapPut("/latency", (LatencySetting setting) =>
        {
            admin.Latency = TimeSpan.FromMilliseconds(Math.Max(0, setting.Ms));
            return Results.NoContent();
        });
        group.MapGet("/throttling/violations", () => Results.Json(admin.Throttling.Violations));
    }

    public sealed record LatencySetting(int Ms);
}
