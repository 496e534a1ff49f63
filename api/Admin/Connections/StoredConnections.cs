using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Admin.Connections;

/// <summary>A connection saved: as stored (real secrets, for the connectors) and what was there before.</summary>
public sealed record SavedConnection<T>(T Connection, T? Before);

/// <summary>Reads and writes connection DTOs through <see cref="ConnectionRepository"/>: settings in clear, secrets encrypted.</summary>
public sealed class StoredConnections(ConnectionRepository repository)
{
    /// <summary>The stored connection with its real secrets, or null.</summary>
    public async Task<T?> FindAsync<T>(CancellationToken cancellationToken) where T : class, ISecretConnection<T>
    {
        var stored = await repository.FindAsync(T.Kind, cancellationToken);
        return stored is null ? null : AdminJson.Deserialize<T>(stored.SettingsJson).WithSecrets(stored.Secrets.GetValueOrDefault);
    }

    /// <summary>
    /// Merges the sent secrets with the stored ones (same shape only) and saves. Throws a validation
    /// failure naming <c>auth.{field}</c> when a required secret is neither sent nor stored.
    /// </summary>
    public async Task<SavedConnection<T>> SaveAsync<T>(T sent, string actor, CancellationToken cancellationToken) where T : class, ISecretConnection<T>
    {
        var before = await FindAsync<T>(cancellationToken);
        var kept = before is not null && before.Shape == sent.Shape ? before.SentSecrets() : new Dictionary<string, string?>();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in sent.SentSecrets())
        {
            var chosen = AdminRules.Keeps(value) ? kept.GetValueOrDefault(field) : value;
            if (!string.IsNullOrEmpty(chosen))
            {
                secrets[field] = chosen;
            }
        }

        var missing = sent.RequiredSecrets.Where(field => !secrets.ContainsKey(field)).ToList();
        if (missing.Count > 0)
        {
            throw new FluentValidation.ValidationException(
                missing.Select(field => new FluentValidation.Results.ValidationFailure($"auth.{field}", "Is required (no stored value to keep).")));
        }

        await repository.SaveAsync(T.Kind, AdminJson.Serialize(sent.WithSecrets(_ => null)), secrets, actor, cancellationToken);
        return new SavedConnection<T>(sent.WithSecrets(secrets.GetValueOrDefault), before);
    }
}
