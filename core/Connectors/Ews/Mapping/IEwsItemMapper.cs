using System.Xml.Linq;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>What the generic EWS sync side needs to know about one domain type.</summary>
public interface IEwsItemMapper<T> where T : class
{
    /// <summary>The distinguished folder the items live in (<c>contacts</c>, <c>calendar</c>).</summary>
    string FolderId { get; }

    /// <summary>The item element we sync (<c>Contact</c>, <c>CalendarItem</c>); others in the folder (distribution lists) are skipped.</summary>
    string ItemElement { get; }

    /// <summary>Field URIs GetItem asks for; the partner-id property is always added.</summary>
    IReadOnlyList<string> FieldUris { get; }

    /// <summary>True when the engine needs bodies to decide scope, so change pages read them at once.</summary>
    bool ReadsBodiesForScope { get; }

    T Read(XElement item);

    bool InScope(T body, SyncScope scope);

    /// <summary>The full item for CreateItem, in schema order, with the partner id stamped.</summary>
    XElement ToNewItem(T body);

    /// <summary>SetItemField / DeleteItemField updates that make the item equal <paramref name="body"/>.</summary>
    IEnumerable<XElement> ToUpdates(T body);
}
