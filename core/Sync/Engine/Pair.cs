using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// One unit of work: an existing relation touched by a change, or a new item (matched with one on
/// the other side, or alone). Holds what each side looks like now.
/// </summary>
internal sealed class Pair<T> where T : class
{
    public Relation? Relation { get; init; }
    public string? CrmId { get; set; }
    public string? ExchangeId { get; set; }
    public string? CrmVersion { get; set; }
    public string? ExchangeVersion { get; set; }
    public T? CrmBody { get; set; }
    public T? ExchangeBody { get; set; }
    public bool CrmDeleted { get; set; }
    public bool ExchangeDeleted { get; set; }
    public bool CrmTouched { get; set; }
    public bool ExchangeTouched { get; set; }

    /// <summary>The side attributes the item's last change to the sync's own account (see <see cref="Ports.ChangedItem{T}.BySync"/>).</summary>
    public bool CrmBySync { get; set; }

    public bool ExchangeBySync { get; set; }

    /// <summary>The partner id stamped on the new item, read apart from its body (see <see cref="InterruptedCreates{T}"/>).</summary>
    public string? PartnerStamp { get; set; }

    public string? IdOn(Side side) => side == Side.Crm ? CrmId : ExchangeId;

    public T? BodyOn(Side side) => side == Side.Crm ? CrmBody : ExchangeBody;

    public string? VersionOn(Side side) => side == Side.Crm ? CrmVersion : ExchangeVersion;

    public bool DeletedOn(Side side) => side == Side.Crm ? CrmDeleted : ExchangeDeleted;

    public bool TouchedOn(Side side) => side == Side.Crm ? CrmTouched : ExchangeTouched;

    public void SetBody(Side side, T? body)
    {
        if (side == Side.Crm)
        {
            CrmBody = body;
        }
        else
        {
            ExchangeBody = body;
        }
    }

    public bool BySyncOn(Side side) => side == Side.Crm ? CrmBySync : ExchangeBySync;

    /// <summary>Where the item came from when it has no partner yet (used for item errors).</summary>
    public (Side Side, string Id) Origin => CrmId is not null && (ExchangeId is null || CrmTouched) ? (Side.Crm, CrmId) : (Side.Exchange, ExchangeId!);
}
