using System.Net;
using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

/// <summary>
/// A tiny stateful mailbox behind <see cref="FakeEwsServer.Fallback"/> for write→read round trips:
/// CreateItem stores what was sent, GetItem returns it, UpdateItem applies Set/DeleteItemField and
/// checks ChangeKeys like NeverOverwrite, DeleteItem removes. Built on the documented semantics only.
/// </summary>
public sealed class InMemoryEwsMailbox
{
    private static readonly XNamespace T = EwsXml.T;
    private static readonly XNamespace M = EwsXml.M;
    private int next;

    public Dictionary<string, XElement> Items { get; } = new(StringComparer.Ordinal);

    public HttpResponseMessage Handle(RecordedRequest request) => request.Operation switch
    {
        "CreateItem" => Answer("CreateItem", request.Body.Element(M + "Items")!.Elements().Select(Create)),
        "GetItem" => Answer("GetItem", request.Body.Element(M + "ItemIds")!.Elements().Select(id => Items.TryGetValue((string)id.Attribute("Id")!, out var item)
            ? EwsAnswers.Success("GetItem", $"<m:Items>{item}</m:Items>")
            : NotFound("GetItem"))),
        "UpdateItem" => Answer("UpdateItem", request.Body.Element(M + "ItemChanges")!.Elements().Select(Update)),
        "DeleteItem" => Answer("DeleteItem", request.Body.Element(M + "ItemIds")!.Elements().Select(id =>
            Items.Remove((string)id.Attribute("Id")!) ? EwsAnswers.Success("DeleteItem") : NotFound("DeleteItem"))),
        _ => throw new InvalidOperationException(request.Operation),
    };

    public string ChangeKeyOf(string id) => (string)Items[id].Element(T + "ItemId")!.Attribute("ChangeKey")!;

    private string Create(XElement item)
    {
        var id = $"AAMkAD{++next:D6}=";
        var stored = new XElement(item);
        stored.AddFirst(new XElement(T + "ItemId", new XAttribute("Id", id), new XAttribute("ChangeKey", "CK1")));
        Items[id] = stored;
        return EwsAnswers.Success("CreateItem", $"""<m:Items><t:{item.Name.LocalName}><t:ItemId Id="{id}" ChangeKey="CK1"/></t:{item.Name.LocalName}></m:Items>""");
    }

    private string Update(XElement change)
    {
        var itemId = change.Element(T + "ItemId")!;
        if (!Items.TryGetValue((string)itemId.Attribute("Id")!, out var item))
        {
            return NotFound("UpdateItem");
        }

        var current = item.Element(T + "ItemId")!;
        if ((string?)itemId.Attribute("ChangeKey") is { } expected && expected != (string)current.Attribute("ChangeKey")!)
        {
            return EwsAnswers.Error("UpdateItem", "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
        }

        foreach (var update in change.Element(T + "Updates")!.Elements())
        {
            Apply(item, update);
        }

        var version = int.Parse(((string)current.Attribute("ChangeKey")!)[2..]) + 1;
        current.SetAttributeValue("ChangeKey", $"CK{version}");
        return EwsAnswers.Success("UpdateItem", $"""<m:Items><t:{item.Name.LocalName}><t:ItemId Id="{current.Attribute("Id")!.Value}" ChangeKey="CK{version}"/></t:{item.Name.LocalName}></m:Items>""");
    }

    private static void Apply(XElement item, XElement update)
    {
        var indexed = update.Element(T + "IndexedFieldURI");
        if (update.Name.LocalName == "SetItemField")
        {
            var value = update.Elements().Last().Elements().Single();
            if (value.Name.LocalName == "ExtendedProperty")
            {
                item.Elements(T + "ExtendedProperty").Remove();
                item.Add(value);
            }
            else if (value.Element(T + "Entry") is { } entry)
            {
                var dictionary = item.Element(value.Name) ?? new XElement(value.Name);
                if (dictionary.Parent is null)
                {
                    item.Add(dictionary);
                }

                var existing = dictionary.Elements(T + "Entry").FirstOrDefault(e => (string?)e.Attribute("Key") == (string?)entry.Attribute("Key"));
                if (existing is not null && entry.HasElements)
                {
                    existing.Element(entry.Elements().Single().Name)?.Remove();
                    existing.Add(entry.Elements());
                }
                else
                {
                    existing?.Remove();
                    dictionary.Add(entry);
                }
            }
            else
            {
                item.Element(value.Name)?.Remove();
                item.Add(value);
            }
        }
        else if (indexed is not null)
        {
            var uri = (string)indexed.Attribute("FieldURI")!;
            var key = (string)indexed.Attribute("FieldIndex")!;
            var dictionary = uri.StartsWith("contacts:PhysicalAddress", StringComparison.Ordinal) ? "PhysicalAddresses" : uri.EndsWith("EmailAddress", StringComparison.Ordinal) ? "EmailAddresses" : "PhoneNumbers";
            var entry = item.Element(T + dictionary)?.Elements(T + "Entry").FirstOrDefault(e => (string?)e.Attribute("Key") == key);
            (dictionary == "PhysicalAddresses" ? entry?.Element(T + uri.Split(':')[2]) : entry)?.Remove();
        }
        else
        {
            var uri = (string)update.Element(T + "FieldURI")!.Attribute("FieldURI")!;
            item.Element(T + uri[(uri.IndexOf(':') + 1)..])?.Remove();
        }
    }

    private static string NotFound(string operation) => EwsAnswers.Error(operation, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static HttpResponseMessage Answer(string operation, IEnumerable<string> messages) =>
        FakeEwsServer.Xml(EwsAnswers.Envelope(operation, string.Concat(messages)), HttpStatusCode.OK);
}
