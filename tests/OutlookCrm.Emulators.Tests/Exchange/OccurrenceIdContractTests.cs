using System.Net;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.EwsSoap;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>
/// The id Outlook gives one occurrence of a recurring meeting, as Graph and EWS answer it: its type,
/// and its series master (Graph <c>seriesMasterId</c>; EWS <c>CalendarItemType</c> and GetItem by
/// <c>RecurringMasterItemId</c>).
/// </summary>
public sealed class OccurrenceIdContractTests : IAsyncLifetime
{
    private static readonly DateTime FirstUtc = new(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly ExchangeHost host = new();
    private string series = "";

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        series = host.Exchange.Outlook(Alice).CreateEvent(new SeedEvent
        {
            Subject = "Weekly", Start = "2026-09-01T10:00:00", End = "2026-09-01T11:00:00",
            Recurrence = new SeedRecurrence { Type = "weekly", DaysOfWeek = ["tuesday"], RangeType = "numbered", NumberOfOccurrences = 3 },
            Exceptions = [new SeedException { OriginalStart = "2026-09-08T10:00:00", Start = "2026-09-09T10:00:00", End = "2026-09-09T11:00:00" }],
        });
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Theory]
    [InlineData(0, "occurrence")]
    [InlineData(7, "exception")]
    public async Task Graph_reads_an_occurrence_id_with_its_type_and_the_masters_id_in_the_asked_form(int days, string type)
    {
        var occurrence = host.Exchange.Outlook(Alice).OccurrenceId(series, FirstUtc.AddDays(days))!;

        var (immutable, body) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events/{occurrence}?$select=id,type,seriesMasterId");
        var (_, byDefault) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events/{occurrence}?$select=seriesMasterId", prefer: null);
        var (_, master) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events/{series}?$select=id,type,seriesMasterId");

        Assert.Equal(HttpStatusCode.OK, immutable.StatusCode);
        Assert.Equal((occurrence, type, series), ((string?)body!["id"], (string?)body["type"], (string?)body["seriesMasterId"]));
        Assert.NotEqual(series, (string?)byDefault!["seriesMasterId"]);      // the default id without the preference
        Assert.Equal(("seriesMaster", null), ((string?)master!["type"], (string?)master["seriesMasterId"]));
    }

    [Fact]
    public async Task Ews_GetItem_names_an_occurrence_by_its_CalendarItemType_and_RecurringMasterItemId_binds_its_master()
    {
        var occurrence = ToEws(host.Exchange.Outlook(Alice).OccurrenceId(series, FirstUtc.AddDays(7))!);
        var body = $"""
            <m:GetItem>
              <m:ItemShape>
                <t:BaseShape>IdOnly</t:BaseShape>
                <t:AdditionalProperties><t:FieldURI FieldURI="calendar:CalendarItemType" /></t:AdditionalProperties>
              </m:ItemShape>
              <m:ItemIds>
                <t:ItemId Id="{occurrence}" />
                <t:RecurringMasterItemId OccurrenceId="{occurrence}" />
              </m:ItemIds>
            </m:GetItem>
            """;

        var (_, xml) = await host.PostAsync(Envelope(body));
        var items = xml!.Messages().Select(m => m.Descendants(T + "CalendarItem").Single()).ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(("Exception", occurrence), (items[0].Element(T + "CalendarItemType")!.Value, items[0].Element(T + "ItemId")!.Attribute("Id")!.Value));
        Assert.True(ItemId.TryParse(series, out var master));
        Assert.Equal(("RecurringMaster", (master with { Kind = ItemIdKind.RestItem }).ToEws()),
            (items[1].Element(T + "CalendarItemType")!.Value, items[1].Element(T + "ItemId")!.Attribute("Id")!.Value));
    }

    [Fact]
    public void An_occurrence_the_series_does_not_have_has_no_id()
    {
        Assert.Null(host.Exchange.Outlook(Alice).OccurrenceId(series, FirstUtc.AddDays(1)));
        Assert.Null(host.Exchange.Outlook(Alice).OccurrenceId(series, FirstUtc.AddDays(21)));
    }
}
