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

    JsonObject Write(T body);

    string? PartnerIdOf(T body);
}
