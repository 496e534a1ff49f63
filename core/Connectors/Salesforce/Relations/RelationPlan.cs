using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Links;

namespace OutlookCrm.Core.Connectors.Salesforce.Relations;

/// <summary>
/// The EventRelations one event should have, within Shared Activities: up to 50 contacts, or one
/// lead, counting the relations that stay (those the sync did not make, and those it keeps).
/// Attendees who match nobody, or do not fit, are named as losses.
/// </summary>
internal sealed class RelationPlan
{
    public const int MaxContacts = 50;

    private RelationPlan(EventRelationSync.Item item, IReadOnlyList<string> owned) => (Item, Owned) = (item, owned);

    public EventRelationSync.Item Item { get; }
    public IReadOnlyList<string> Owned { get; }
    public List<string> Wanted { get; } = [];
    public List<string> Add { get; private set; } = [];
    public List<(string Id, string RelationId)> Remove { get; private set; } = [];
    public List<string> Added { get; } = [];
    public List<string> NotRemoved { get; } = [];
    public List<string> Losses { get; } = [];
    public bool Complete { get; private set; } = true;

    private Dictionary<string, string> EmailOf { get; } = new(StringComparer.Ordinal);

    public static RelationPlan For(
        EventRelationSync.Item item, IReadOnlyList<string> people, IReadOnlyList<string> owned,
        IReadOnlyDictionary<string, AttendeeDirectory.Person> matches, IReadOnlyList<(string Id, string RelationId)> existing)
    {
        var plan = new RelationPlan(item, owned);
        var matched = new List<AttendeeDirectory.Person>();
        foreach (var email in people)
        {
            if (matches.TryGetValue(email, out var person))
            {
                plan.EmailOf.TryAdd(person.Id, email);
                matched.Add(person);
            }
            else
            {
                plan.Losses.Add($"attendee {email} matches no CRM contact or lead");
            }
        }

        // What stays whatever we want: relations someone else made, and ours that are still matched.
        var matchedIds = matched.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var staying = existing.Select(e => e.RelationId).Where(id => !owned.Contains(id) || matchedIds.Contains(id)).ToList();
        plan.Choose(matched.DistinctBy(p => p.Id).ToList(), staying);

        var reconciled = LinkReconciler.Reconcile(plan.Wanted, existing.Select(e => e.RelationId).ToList(), owned);
        plan.Add = [.. reconciled.Add];
        plan.Remove = existing.Where(e => reconciled.Remove.Contains(e.RelationId)).ToList();
        return plan;
    }

    public void Failed(string relationId, bool removing, SaveResult result)
    {
        Complete = false;
        if (removing)
        {
            NotRemoved.Add(relationId);
        }

        var error = result.Errors?.FirstOrDefault();
        var who = EmailOf.GetValueOrDefault(relationId, relationId);
        Losses.Add($"{who} could not be {(removing ? "unlinked from" : "linked to")} the event ({error?.StatusCode}: {error?.Message})");
    }

    private void Choose(IReadOnlyList<AttendeeDirectory.Person> matched, IReadOnlyList<string> staying)
    {
        var stayingLead = staying.FirstOrDefault(SalesforceId.IsLead);
        var stayingContacts = staying.Count(SalesforceId.IsContact);
        var contacts = matched.Where(p => !p.IsLead).ToList();
        var leads = matched.Where(p => p.IsLead).ToList();
        if (stayingLead is not null)
        {
            // The event already relates to a lead the sync did not make: nobody else fits.
            Wanted.AddRange(matched.Where(p => p.Id == stayingLead).Select(p => p.Id));
            NotFitting(matched.Where(p => p.Id != stayingLead), "the event is related to a lead, which allows no other contact or lead");
            return;
        }

        if (contacts.Count > 0 || stayingContacts > 0)
        {
            var room = MaxContacts - stayingContacts;
            var fresh = contacts.Where(c => !staying.Contains(c.Id)).ToList();
            Wanted.AddRange(contacts.Where(c => staying.Contains(c.Id)).Select(c => c.Id));
            Wanted.AddRange(fresh.Take(Math.Max(0, room)).Select(c => c.Id));
            NotFitting(fresh.Skip(Math.Max(0, room)), $"an event relates to at most {MaxContacts} contacts");
            NotFitting(leads, "it is a lead, and an event relates to contacts or to one lead, not both");
            return;
        }

        Wanted.AddRange(leads.Take(1).Select(l => l.Id));
        NotFitting(leads.Skip(1), "an event relates to one lead at most");
    }

    private void NotFitting(IEnumerable<AttendeeDirectory.Person> people, string why) =>
        Losses.AddRange(people.Select(p => $"attendee {EmailOf[p.Id]} is not linked: {why}"));
}
