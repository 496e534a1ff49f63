using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Mapping;

/// <summary>How one domain type maps to one sObject; the sync side is generic over it.</summary>
internal interface IRecordMapper<T> where T : class
{
    string SObject { get; }

    /// <summary>The field stamped with the Exchange id when the org has it (see README), else null.</summary>
    string? ExternalIdField { get; }

    IReadOnlyList<string> Fields { get; }

    /// <summary>The records that belong to one mailbox's sync (owner, and for events the window).</summary>
    SoqlCondition ScopeOf(SyncScope scope);

    Versioned<T> Read(JsonElement record);

    /// <summary>The record to send; <paramref name="creating"/> adds what Salesforce takes only on insert (a series' IsRecurrence2).</summary>
    JsonObject Write(T body, bool creating = false);

    string? PartnerIdOf(T body);
}
