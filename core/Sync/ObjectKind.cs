namespace OutlookCrm.Core.Sync;

public enum ObjectKind { Contact, Event }

public static class ObjectKindNames
{
    /// <summary>The value stored in the <c>object_kind</c> columns.</summary>
    public static string StoreName(this ObjectKind kind) => kind == ObjectKind.Contact ? "contact" : "event";

    public static string StoreName(this Side side) => side == Side.Crm ? "crm" : "exchange";
}
