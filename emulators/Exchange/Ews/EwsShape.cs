using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

internal enum BaseShape
{
    IdOnly,
    Default,
    AllProperties,
}

/// <summary>An ItemShape: base shape, body type and the additional (FieldURI / IndexedFieldURI / ExtendedFieldURI) properties.</summary>
internal sealed record EwsShape(BaseShape Base, string BodyType, IReadOnlySet<string> Fields, IReadOnlyList<ExtendedPropertyKey> Extended)
{
    public static readonly EwsShape IdOnly = new(BaseShape.IdOnly, "Best", new HashSet<string>(), []);

    public static EwsShape Parse(XElement? shape, out EwsError? error)
    {
        error = null;
        if (shape is null)
        {
            return IdOnly;
        }

        var baseShape = Names.Parse(shape.Element(T + "BaseShape")?.Value, BaseShape.IdOnly);
        var bodyType = shape.Element(T + "BodyType")?.Value ?? "Best";
        var fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var extended = new List<ExtendedPropertyKey>();
        foreach (var path in shape.Element(T + "AdditionalProperties")?.Elements() ?? [])
        {
            if (path.Name == T + "FieldURI" || path.Name == T + "IndexedFieldURI")
            {
                fields.Add(path.Attribute("FieldURI")?.Value ?? "");
            }
            else if (path.Name == T + "ExtendedFieldURI")
            {
                var key = EwsItemReader.ExtendedKey(path);
                if (key is null)
                {
                    error = EwsError.Schema("The ExtendedFieldURI is not valid.");
                    return IdOnly;
                }

                extended.Add(key);
            }
        }

        return new EwsShape(baseShape, bodyType, fields, extended);
    }

    /// <summary>Whether <paramref name="field"/> (e.g. <c>calendar:Start</c>) is part of the response for this shape.</summary>
    public bool Includes(string field, bool inDefault)
    {
        return field == "item:ItemId"
            || Base == BaseShape.AllProperties
            || (Base == BaseShape.Default && inDefault)
            || Fields.Contains(field);
    }
}
