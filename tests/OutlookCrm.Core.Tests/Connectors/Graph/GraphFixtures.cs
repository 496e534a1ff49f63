using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

/// <summary>Builders on top of the documented fixtures: many items, delta rounds paged the way Graph pages them.</summary>
public static partial class GraphFixtures
{
    public const string Mailbox = "alice@contoso.com";
    public static readonly SyncScope Scope = new(Mailbox, null, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));

    public static JsonNode Contact(int i, string version = "v1")
    {
        var contact = FakeGraph.Fixture("contact.json");
        contact["id"] = $"contact-{i}";
        contact["changeKey"] = $"ck-{i}-{version}";
        contact["givenName"] = $"Given{i}";
        return contact;
    }

    public static JsonNode Removed(string id) => new JsonObject { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } };

    public static JsonNode Stamped(string id, string partner) => new JsonObject
    {
        ["id"] = id,
        ["singleValueExtendedProperties"] = new JsonArray(new JsonObject { ["id"] = ExtendedProperties.PartnerId, ["value"] = partner }),
    };

    /// <summary>
    /// Serves one delta round under <paramref name="path"/> (e.g. <c>/contacts/delta</c>): the request
    /// matching <paramref name="startsWhen"/> gets page 0, then <c>$skiptoken</c> pages, then a
    /// deltaLink <c>$deltatoken={round}-done</c>. Page size follows <c>Prefer: odata.maxpagesize</c>, else
    /// Graph's default of 10.
    /// </summary>
    public static void ServeDeltaRound(FakeGraph fake, string path, string round, IReadOnlyList<JsonNode> items, Func<Recorded, bool> startsWhen)
    {
        var link = $"{FakeGraph.Root}users/{Uri.EscapeDataString(Mailbox)}{path}";
        fake.On(r => r.Method == "GET" && r.Uri.AbsolutePath.EndsWith(path, StringComparison.Ordinal)
                     && (r.PathAndQuery.Contains($"$skiptoken={round}-", StringComparison.Ordinal) || startsWhen(r)),
            r =>
            {
                var size = MaxPageSize(r.Header("Prefer")) ?? 10;
                var skip = SkipToken().Match(r.PathAndQuery) is { Success: true } m && m.Groups[1].Value == round ? int.Parse(m.Groups[2].Value) : 0;
                var page = new JsonObject { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(contact)" };
                page["value"] = new JsonArray(items.Skip(skip).Take(size).Select(i => i.DeepClone()).ToArray());
                if (skip + size < items.Count)
                {
                    page["@odata.nextLink"] = $"{link}?$skiptoken={round}-{skip + size}";
                }
                else
                {
                    page["@odata.deltaLink"] = $"{link}?$deltatoken={round}-done";
                }

                return FakeAnswer.Json(page);
            });
    }

    public static string DeltaLink(string path, string round) => $"{FakeGraph.Root}users/{Uri.EscapeDataString(Mailbox)}{path}?$deltatoken={round}-done";

    public static int? MaxPageSize(string? prefer) =>
        prefer is not null && PageSize().Match(prefer) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    [GeneratedRegex(@"\$skiptoken=([A-Za-z0-9]+)-(\d+)")]
    private static partial Regex SkipToken();

    [GeneratedRegex(@"odata\.maxpagesize=(\d+)")]
    private static partial Regex PageSize();
}
