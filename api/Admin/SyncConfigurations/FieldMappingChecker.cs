using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Core.Sync.Configuration;

namespace OutlookCrm.Api.Admin.SyncConfigurations;

/// <summary>
/// Checks custom field mappings against the CRM's describe: the field exists, is createable and
/// updateable when Exchange writes it, and its type holds the Exchange property's values.
/// Errors are keyed like the JSON: <c>fieldMappings.contacts[0].crm</c>.
/// </summary>
public sealed class FieldMappingChecker(ICrmFieldCatalog catalog, StoredConnections connections)
{
    public async Task<Dictionary<string, string[]>> CheckAsync(SyncConfiguration configuration, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var lists = new[]
        {
            (Key: "contacts", CrmObject: "Contact", Mappings: configuration.FieldMappings.Contacts, Properties: ExchangeProperties.Contact, Settings: configuration.ContactSettings),
            (Key: "events", CrmObject: "Event", Mappings: configuration.FieldMappings.Events, Properties: ExchangeProperties.Event, Settings: configuration.EventSettings),
        };
        if (lists.All(l => l.Mappings.Count == 0))
        {
            return errors;
        }

        var crm = await connections.FindAsync<CrmConnection>(cancellationToken);
        foreach (var (key, crmObject, mappings, properties, settings) in lists.Where(l => l.Mappings.Count > 0))
        {
            var fields = crm is null ? null : (await catalog.DescribeAsync(crm, crmObject, cancellationToken)).ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            var exchangeWritesCrm = settings.Flows(Core.Sync.Side.Exchange);
            for (var i = 0; i < mappings.Count; i++)
            {
                var at = $"fieldMappings.{key}[{i}]";
                var error = Check(mappings[i], fields, properties, crmObject, exchangeWritesCrm, mappings.Take(i));
                if (error is not null)
                {
                    errors[$"{at}.{error.Value.Field}"] = [error.Value.Message];
                }
            }
        }

        return errors;
    }

    private static (string Field, string Message)? Check(
        FieldMapping mapping, Dictionary<string, CrmField>? fields, IReadOnlyDictionary<string, ValueKind> properties, string crmObject,
        bool exchangeWritesCrm, IEnumerable<FieldMapping> earlier)
    {
        if (!properties.TryGetValue(mapping.Exchange, out var kind))
        {
            return ("exchange", $"Unknown Exchange property '{mapping.Exchange}'; known: {string.Join(", ", properties.Keys)}.");
        }

        if (earlier.Any(m => string.Equals(m.Crm, mapping.Crm, StringComparison.OrdinalIgnoreCase)))
        {
            return ("crm", $"{crmObject}.{mapping.Crm} is mapped twice.");
        }

        if (fields is null)
        {
            return ("crm", "No CRM connection is configured to check this field against; save the CRM connection first.");
        }

        if (!fields.TryGetValue(mapping.Crm, out var field))
        {
            return ("crm", $"{crmObject} has no field '{mapping.Crm}'.");
        }

        if (exchangeWritesCrm && ExchangeProperties.IsReadOnlyCrmType(field.Type))
        {
            return ("crm", $"{crmObject}.{field.Name} is an {field.Type} field: it is never written from Exchange; use direction crmToExchange.");
        }

        if (exchangeWritesCrm && !(field.Createable && field.Updateable))
        {
            return ("crm", $"{crmObject}.{field.Name} is not {(field.Createable ? "updateable" : "createable")}, but the direction writes it from Exchange.");
        }

        return ExchangeProperties.Compatible(kind, field.Type, exchangeWritesCrm)
            ? null
            : ("crm", $"{crmObject}.{field.Name} is of type {field.Type}; Exchange '{mapping.Exchange}' is {kind.ToString().ToLowerInvariant()} and needs {ExchangeProperties.Describe(kind)}.");
    }
}
