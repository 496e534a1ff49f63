namespace OutlookCrm.Api.Admin.Connections;

/// <summary>
/// A connection DTO whose auth block holds secrets. The secrets are stored apart (encrypted) and
/// answered as <c>"***"</c>; a PUT that leaves one out, or sends <c>"***"</c>, keeps the stored one.
/// </summary>
public interface ISecretConnection<TSelf> where TSelf : ISecretConnection<TSelf>
{
    /// <summary>The <c>connections.kind</c> row: <c>exchange</c> or <c>crm</c>.</summary>
    static abstract string Kind { get; }

    /// <summary>Connection type and auth type: stored secrets carry over only while both stay the same.</summary>
    string Shape { get; }

    /// <summary>Secret fields (JSON names under <c>auth</c>) the shape needs.</summary>
    IReadOnlyList<string> RequiredSecrets { get; }

    /// <summary>Every secret field of the shape with the value sent (null when left out).</summary>
    IReadOnlyDictionary<string, string?> SentSecrets();

    /// <summary>A copy with each secret field replaced by <paramref name="value"/>(field name).</summary>
    TSelf WithSecrets(Func<string, string?> value);
}
