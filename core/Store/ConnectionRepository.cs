using Dapper;
using OutlookCrm.Core.Secrets;

namespace OutlookCrm.Core.Store;

/// <summary>A stored connection: settings in clear, secrets decrypted only in memory.</summary>
public sealed record StoredConnection(
    string Kind,
    string SettingsJson,
    IReadOnlyDictionary<string, string> Secrets,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

public sealed class ConnectionRepository(StoreDatabase database, SecretProtector protector, TimeProvider clock)
{
    public async Task SaveAsync(
        string kind, string settingsJson, IReadOnlyDictionary<string, string> secrets, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO connections (kind, settings_json, secrets_cipher, updated_at, updated_by)
            VALUES (@kind, @settingsJson, @cipher, @at, @actor)
            ON CONFLICT (kind) DO UPDATE SET settings_json = excluded.settings_json,
                secrets_cipher = excluded.secrets_cipher, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new { kind, settingsJson, cipher = protector.Protect(secrets), at = clock.GetUtcNow().ToUnixTimeMilliseconds(), actor },
            cancellationToken: cancellationToken));
    }

    public async Task<StoredConnection?> FindAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ConnectionRow>(new CommandDefinition(
            "SELECT kind AS Kind, settings_json AS SettingsJson, secrets_cipher AS SecretsCipher, updated_at AS UpdatedAt, updated_by AS UpdatedBy FROM connections WHERE kind = @kind",
            new { kind }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new StoredConnection(row.Kind, row.SettingsJson, protector.Unprotect(row.SecretsCipher),
                DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt), row.UpdatedBy);
    }

    private sealed record ConnectionRow(string Kind, string SettingsJson, string SecretsCipher, long UpdatedAt, string UpdatedBy);
}
