using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Sync.Content;

/// <summary>
/// Contacts: both sides hold names, one primary email, three phones, company, title, department,
/// business address and the custom mappings. Extra Exchange email slots are kept on the Exchange
/// item but are not part of the comparison (the CRM has one Email field). The company is the one field
/// a side may not hold at all (<see cref="Contact.UnknownFields"/>).
/// </summary>
public sealed class ContactRules : IContentRules<Contact>
{
    public string Hash(Contact item) => CanonicalHash.Of(new
    {
        g = CanonicalHash.Text(item.GivenName),
        s = CanonicalHash.Text(item.Surname),
        e = CanonicalHash.Email(item.Emails.FirstOrDefault()),
        bp = CanonicalHash.Text(item.BusinessPhone),
        mp = CanonicalHash.Text(item.MobilePhone),
        hp = CanonicalHash.Text(item.HomePhone),
        c = CanonicalHash.Text(item.CompanyName),
        t = CanonicalHash.Text(item.JobTitle),
        d = CanonicalHash.Text(item.Department),
        a = item.BusinessAddress is { } a
            ? new[] { a.Street, a.City, a.State, a.PostalCode, a.CountryOrRegion }.Select(CanonicalHash.Text).ToArray()
            : null,
        x = CanonicalHash.Custom(item.Custom),
    });

    public string? SkipReason(Contact item, DateTimeOffset now) =>
        item.Emails.Count == 0 || string.IsNullOrWhiteSpace(item.Emails[0]) ? "no email address" : null;

    public IReadOnlyList<string> MatchKeys(Contact item)
    {
        var keys = new List<string>();
        if (!string.IsNullOrEmpty(item.PartnerId))
        {
            keys.Add("partner:" + item.PartnerId);
        }

        keys.AddRange(item.Emails.Select(CanonicalHash.Email).OfType<string>().Distinct().Select(e => "email:" + e));
        return keys;
    }

    public IReadOnlyList<string> LinkKeys(Contact item) => [];

    public Contact Complete(Contact item, Contact other) => item.UnknownFields.Count == 0
        ? item
        : item with
        {
            CompanyName = item.UnknownFields.Contains(nameof(Contact.CompanyName)) ? other.CompanyName : item.CompanyName,
            UnknownFields = [],
        };

    public bool IsPartial(Contact item) => item.UnknownFields.Count > 0;

    public Contact ForWrite(Contact source, string sourceId, Contact? target)
    {
        var emails = source.Emails.Take(1).Concat(target?.Emails.Skip(1) ?? []).ToList();
        return source with { Emails = emails, PartnerId = sourceId };
    }
}
