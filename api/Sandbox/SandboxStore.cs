using System.Security.Claims;
using Dapper;
using FluentValidation;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.SyncConfigurations;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// Stores the sandbox's connections and its <c>demo</c> configuration the way an admin would (the
/// admin API's validators, <see cref="StoredConnections"/>, <see cref="SyncConfigurationRepository"/>,
/// audit), each only when missing — or, for the sandbox's own connections, when the emulators moved
/// ports. Then forgets the demo mailboxes' sync state: the emulators were seeded afresh with new ids.
/// </summary>
public sealed class SandboxStore(
    SandboxEmulators emulators, StoredConnections connections, SyncConfigurationRepository configurations, AdminAudit audit,
    StoreDatabase database, IServiceProvider services, ILogger<SandboxStore> logger)
{
    public const string ConfigurationName = "demo";
    private static readonly ClaimsPrincipal Actor = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sandbox")], "sandbox"));

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await EnsureConnectionAsync(ExchangeConnectionFor(emulators), c => c.Auth?.ClientId == SandboxApps.GraphClientId, "connections/exchange", cancellationToken);
        await EnsureConnectionAsync(CrmConnectionFor(emulators), c => c.Auth?.ClientId == SandboxApps.SalesforceClientId, "connections/crm", cancellationToken);
        await EnsureConfigurationAsync(cancellationToken);
        await ResetSyncStateAsync(cancellationToken);
    }

    public static ExchangeConnection ExchangeConnectionFor(SandboxEmulators emulators) => new(
        "graph", null, emulators.Exchange.GraphUrl,
        new ExchangeAuth("clientCredentials", null, null, emulators.Entra.BaseUrl, Emulators.Entra.EntraEmulator.DefaultTenantId,
            SandboxApps.GraphClientId, SandboxApps.GraphClientSecret));

    public static CrmConnection CrmConnectionFor(SandboxEmulators emulators) => new(
        "salesforce", emulators.Salesforce.LoginUrl, "62.0",
        new CrmAuth("clientCredentials", SandboxApps.SalesforceClientId, SandboxApps.SalesforceClientSecret, null, null, null, null));

    private async Task EnsureConnectionAsync<T>(T wanted, Func<T, bool> isSandboxOwn, string target, CancellationToken cancellationToken)
        where T : class, ISecretConnection<T>
    {
        var stored = await connections.FindAsync<T>(cancellationToken);
        if (stored is not null && (Equals(stored, wanted) || !isSandboxOwn(stored)))
        {
            if (!Equals(stored, wanted))
            {
                logger.LogWarning("Keeping the stored {Target}, which an admin changed; the sandbox's emulators are not used for it.", target);
            }

            return;
        }

        await ValidateAsync(wanted, cancellationToken);
        var saved = await connections.SaveAsync(wanted, AdminAudit.Actor(Actor), cancellationToken);
        await audit.RecordAsync(Actor, "connection.put", target, Masked(saved.Before), Masked(saved.Connection), cancellationToken);
    }

    private async Task EnsureConfigurationAsync(CancellationToken cancellationToken)
    {
        if (await configurations.FindAsync(ConfigurationName, cancellationToken) is not null)
        {
            return;
        }

        var request = DemoConfiguration(DateOnly.FromDateTime(DateTime.UtcNow));
        await ValidateAsync(request, cancellationToken);
        var configuration = request.ToDomain(ConfigurationName);
        if ((await configurations.FindActiveOwnersAsync(configuration.Users, ConfigurationName, cancellationToken)).FirstOrDefault() is { } owner)
        {
            logger.LogWarning("Not storing the sync configuration '{Name}': {Mailbox} already belongs to '{Owner}'.", ConfigurationName, owner.Mailbox, owner.Configuration);
            return;
        }

        await configurations.SaveAsync(configuration, cancellationToken);
        var saved = (await configurations.FindAsync(ConfigurationName, cancellationToken))!.ToResponse();
        await audit.RecordAsync(Actor, "sync-configuration.put", $"sync-configurations/{ConfigurationName}", null, saved, cancellationToken);
    }

    public static SyncConfigurationRequest DemoConfiguration(DateOnly today) => new(
        true, DemoOrg.Salespeople,
        new ContactOptionsRequest("both", "crm", true),
        new EventOptionsRequest("both", "exchange", today.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), false, true),
        new FieldMappingsRequest([], []));

    /// <summary>
    /// Relations, cursors and item errors point at the previous run's emulator ids; the first sync
    /// re-matches from scratch. The sandbox owns its data directory, so it also frees the mailboxes' leases.
    /// </summary>
    private async Task ResetSyncStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "relations", "change_cursors", "item_errors" })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE mailbox = @mailbox", DemoOrg.Salespeople.Select(mailbox => new { mailbox }),
                transaction, cancellationToken: cancellationToken));
        }

        // Due now, with no back-off and no claim left by a sandbox that was killed: the loop syncs them right away.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mailbox_leases SET owner = NULL, expires_at = 0, next_due_at = 0, backoff_until = 0 WHERE mailbox = @mailbox",
            DemoOrg.Salespeople.Select(mailbox => new { mailbox }), transaction, cancellationToken: cancellationToken));

        // The add-in's meeting links name Exchange item ids of the previous run's emulator.
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM event_links", transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ValidateAsync<T>(T value, CancellationToken cancellationToken)
    {
        if (services.GetService<IValidator<T>>() is { } validator)
        {
            await validator.ValidateAndThrowAsync(value, cancellationToken);
        }
    }

    private static object? Masked<T>(T? connection) where T : class, ISecretConnection<T> => connection switch
    {
        ExchangeConnection exchange => exchange.Masked(),
        CrmConnection crm => crm.Masked(),
        _ => null,
    };
}
