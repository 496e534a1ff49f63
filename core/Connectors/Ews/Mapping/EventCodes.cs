using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>EWS enumerations ↔ domain enums for calendar items.</summary>
public static class EventCodes
{
    public static ShowAs ShowAs(string? legacyFreeBusy) => legacyFreeBusy switch
    {
        "Free" => Domain.ShowAs.Free,
        "Tentative" => Domain.ShowAs.Tentative,
        "OOF" => Domain.ShowAs.OutOfOffice,
        "WorkingElsewhere" => Domain.ShowAs.WorkingElsewhere,
        _ => Domain.ShowAs.Busy, // Busy and NoData
    };

    public static string LegacyFreeBusy(ShowAs showAs) => showAs switch
    {
        Domain.ShowAs.Free => "Free",
        Domain.ShowAs.Tentative => "Tentative",
        Domain.ShowAs.OutOfOffice => "OOF",
        Domain.ShowAs.WorkingElsewhere => "WorkingElsewhere",
        _ => "Busy",
    };

    /// <summary>Confidential is stricter than Private, so it is private too; Personal is not.</summary>
    public static bool IsPrivate(string? sensitivity) => sensitivity is "Private" or "Confidential";

    public static ResponseStatus Response(string? responseType) => responseType switch
    {
        "Organizer" => ResponseStatus.Organizer,
        "Accept" => ResponseStatus.Accepted,
        "Tentative" => ResponseStatus.Tentative,
        "Decline" => ResponseStatus.Declined,
        "NoResponseReceived" => ResponseStatus.NotResponded,
        _ => ResponseStatus.None, // Unknown
    };
}
