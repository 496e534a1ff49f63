using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// The sandbox's Salesforce org: the three salespeople and an integration user, 20 accounts with
/// 210 contacts, 30 leads and 25 open opportunities, owned round-robin by alice, bob and carol,
/// and one CRM meeting each. Deterministic, so the demo mailboxes can share contacts by e-mail.
/// </summary>
public static class DemoOrg
{
    public const string IntegrationUser = "integration@contoso.com";
    public const int ContactsPerAccount = 10;
    public const int ExtraContacts = 10;

    public static readonly string[] Salespeople = ["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"];

    public static readonly (string Name, string Domain, string Industry)[] Accounts =
    [
        ("Fabrikam", "fabrikam.com", "Technology"), ("Northwind Traders", "northwindtraders.com", "Retail"),
        ("Adventure Works", "adventure-works.com", "Retail"), ("Tailspin Toys", "tailspintoys.com", "Retail"),
        ("Litware", "litwareinc.com", "Technology"), ("Wingtip Toys", "wingtiptoys.com", "Retail"),
        ("Woodgrove Bank", "woodgrovebank.com", "Finance"), ("Proseware", "proseware.com", "Technology"),
        ("Fourth Coffee", "fourthcoffee.com", "Retail"), ("Alpine Ski House", "alpineskihouse.com", "Other"),
        ("Blue Yonder Airlines", "blueyonderairlines.com", "Other"), ("Coho Winery", "cohowinery.com", "Retail"),
        ("A. Datum", "adatum.com", "Technology"), ("Lucerne Publishing", "lucernepublishing.com", "Other"),
        ("Margie's Travel", "margiestravel.com", "Other"), ("Trey Research", "treyresearch.net", "Technology"),
        ("Wide World Importers", "wideworldimporters.com", "Retail"), ("Humongous Insurance", "humongousinsurance.com", "Finance"),
        ("Graphic Design Institute", "graphicdesigninstitute.com", "Other"), ("VanArsdel", "vanarsdel.com", "Finance"),
    ];

    private static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chloé", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nadia",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoë",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova", "Jensen", "Kowalski", "Larsen",
        "Müller", "Nakamura", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zhang",
    ];

    private static readonly string[] Titles = ["CEO", "CTO", "Head of Purchasing", "Operations Manager", "IT Director", "Buyer", "CFO", "Project Lead"];
    private static readonly string[] Stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"];

    public static int ContactCount => Accounts.Length * ContactsPerAccount + ExtraContacts;

    /// <summary>Contact <paramref name="i"/>: name, e-mail, account index (null for the few without one) and owner.</summary>
    public static (string First, string Last, string Email, int? Account, string Owner) Contact(int i)
    {
        var first = FirstNames[i % FirstNames.Length];
        var last = LastNames[(i * 7 + i / FirstNames.Length) % LastNames.Length];
        int? account = i < Accounts.Length * ContactsPerAccount ? i / ContactsPerAccount : null;
        var domain = account is { } a ? Accounts[a].Domain : "example.org";
        var local = $"{Plain(first)}.{Plain(last)}{i}";
        return (first, last, $"{local}@{domain}", account, Salespeople[i % Salespeople.Length]);
    }

    /// <summary>The contacts a salesperson owns in the CRM, by index.</summary>
    public static IEnumerable<int> ContactsOwnedBy(string salesperson) =>
        Enumerable.Range(0, ContactCount).Where(i => Contact(i).Owner == salesperson);

    public static SeedRequest Seed(DateTime today)
    {
        var seed = new SeedRequest();
        foreach (var email in Salespeople.Append(IntegrationUser))
        {
            var name = email.Split('@')[0];
            seed.Users.Add(new JsonObject
            {
                ["ref"] = name, ["Username"] = email, ["Email"] = email,
                ["FirstName"] = name == "integration" ? "Sync" : Capitalised(name), ["LastName"] = name == "integration" ? "Integration" : "Contoso",
            });
        }

        for (var a = 0; a < Accounts.Length; a++)
        {
            var (name, domain, industry) = Accounts[a];
            seed.Accounts.Add(new JsonObject
            {
                ["ref"] = $"account{a}", ["Name"] = name, ["Website"] = $"https://www.{domain}", ["Industry"] = industry,
                ["Phone"] = $"+1 425 555 {1000 + a:D4}", ["OwnerId"] = $"@{Ref(Salespeople[a % Salespeople.Length])}",
            });
        }

        for (var i = 0; i < ContactCount; i++)
        {
            var c = Contact(i);
            var contact = new JsonObject
            {
                ["ref"] = $"contact{i}", ["FirstName"] = c.First, ["LastName"] = c.Last, ["Email"] = c.Email,
                ["Title"] = Titles[i % Titles.Length], ["Phone"] = $"+1 206 555 {2000 + i:D4}", ["OwnerId"] = $"@{Ref(c.Owner)}",
            };
            if (c.Account is { } account)
            {
                contact["AccountId"] = $"@account{account}";
            }

            seed.Contacts.Add(contact);
        }

        for (var i = 0; i < 30; i++)
        {
            seed.Leads.Add(new JsonObject
            {
                ["FirstName"] = FirstNames[(i + 5) % FirstNames.Length], ["LastName"] = LastNames[(i + 3) % LastNames.Length],
                ["Company"] = $"Prospect {i + 1} Ltd", ["Email"] = $"lead{i + 1}@prospect{i + 1}.example", ["Title"] = Titles[i % Titles.Length],
                ["OwnerId"] = $"@{Ref(Salespeople[i % Salespeople.Length])}",
            });
        }

        for (var i = 0; i < 25; i++)
        {
            var account = i % Accounts.Length;
            seed.Opportunities.Add(new JsonObject
            {
                ["ref"] = $"opportunity{i}", ["Name"] = $"{Accounts[account].Name} — {(i % 2 == 0 ? "renewal" : "expansion")} {2026 + i / Accounts.Length}",
                ["StageName"] = Stages[i % Stages.Length], ["CloseDate"] = Date(today.AddDays(14 + 7 * i)), ["Amount"] = 5000 + 2500 * i,
                ["AccountId"] = $"@account{account}", ["OwnerId"] = $"@{Ref(Salespeople[account % Salespeople.Length])}",
            });
            seed.OpportunityContactRoles.Add(new JsonObject
            {
                ["OpportunityId"] = $"@opportunity{i}", ["ContactId"] = $"@contact{account * ContactsPerAccount}",
                ["Role"] = "Decision Maker", ["IsPrimary"] = true,
            });
        }

        for (var s = 0; s < Salespeople.Length; s++)
        {
            var contact = ContactsOwnedBy(Salespeople[s]).First();
            var start = today.AddDays(3 + s).AddHours(15);
            seed.Events.Add(new JsonObject
            {
                ["Subject"] = $"Call with {Contact(contact).First} {Contact(contact).Last}",
                ["StartDateTime"] = Instant(start), ["EndDateTime"] = Instant(start.AddMinutes(30)), ["DurationInMinutes"] = 30,
                ["Location"] = "Phone", ["OwnerId"] = $"@{Ref(Salespeople[s])}", ["WhoId"] = $"@contact{contact}",
            });
        }

        return seed;
    }

    private static string Ref(string email) => email.Split('@')[0];

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static string Plain(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant();

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.000Z", CultureInfo.InvariantCulture);
}
