using System.Text.RegularExpressions;
using FluentValidation;

namespace OutlookCrm.Api.Addin;

public sealed record LookupRequest(IReadOnlyList<string>? Emails);

public sealed record CreateContactRequest(string? Email, string? FirstName, string? LastName, string? Title, string? AccountId, bool AsLead, string? Company);

public sealed record CrmLinkRequest(
    string? Subject, DateTimeOffset? Start, DateTimeOffset? End, bool IsAllDay, string? Location, string? Body,
    IReadOnlyList<string>? Attendees, IReadOnlyList<string>? WhoIds, string? WhatId);

internal static partial class AddinRules
{
    public const int MaxEmails = 100;

    /// <summary>15- or 18-character Salesforce ids; anything else never reaches a query.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$")]
    public static partial Regex CrmId();

    /// <summary>An address as people have them: one @, no spaces or line breaks, at most 320 characters.</summary>
    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().MaximumLength(320)
        .Must(e => e is not null && !e.Any(char.IsWhiteSpace) && !e.Any(char.IsControl)).WithMessage("An email address has no spaces or line breaks.")
        .EmailAddress();
}

public sealed class LookupRequestValidator : AbstractValidator<LookupRequest>
{
    public LookupRequestValidator()
    {
        RuleFor(r => r.Emails).NotNull().Must(e => e is { Count: >= 1 and <= AddinRules.MaxEmails })
            .WithMessage($"Send between 1 and {AddinRules.MaxEmails} addresses.");
        RuleForEach(r => r.Emails).Email();
    }
}

public sealed class CreateContactRequestValidator : AbstractValidator<CreateContactRequest>
{
    public CreateContactRequestValidator()
    {
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(80);
        RuleFor(r => r.FirstName).MaximumLength(40);
        RuleFor(r => r.Title).MaximumLength(128);
        RuleFor(r => r.Company).NotEmpty().When(r => r.AsLead).WithMessage("A lead needs a company.").MaximumLength(255);
        RuleFor(r => r.AccountId).Matches(AddinRules.CrmId()).When(r => r.AccountId is not null);
    }
}

public sealed class CrmLinkRequestValidator : AbstractValidator<CrmLinkRequest>
{
    public CrmLinkRequestValidator()
    {
        RuleFor(r => r.Subject).NotEmpty().MaximumLength(255);
        RuleFor(r => r.Start).NotNull();
        RuleFor(r => r.End).NotNull().GreaterThanOrEqualTo(r => r.Start).When(r => r.Start is not null);
        RuleFor(r => r.Location).MaximumLength(255);
        RuleFor(r => r.Body).MaximumLength(32_000);
        RuleFor(r => r.Attendees).Must(a => a is null || a.Count <= 1000).WithMessage("At most 1,000 attendees.");
        RuleForEach(r => r.Attendees).Email();
        RuleFor(r => r.WhoIds).Must(w => w is null || w.Count <= 50).WithMessage("An event relates to at most 50 contacts or one lead.");
        RuleForEach(r => r.WhoIds).NotEmpty().Matches(AddinRules.CrmId())
            .Must(id => id is not null && (id.StartsWith("003", StringComparison.Ordinal) || id.StartsWith("00Q", StringComparison.Ordinal))).WithMessage("Relate contacts (003…) or one lead (00Q…).");
        RuleFor(r => r.WhoIds).Must(w => w is null || w.Count(id => id?.StartsWith("00Q", StringComparison.Ordinal) == true) == 0 || w.Count == 1)
            .WithMessage("An event relates to contacts or to one lead, not both.");
        RuleFor(r => r.WhatId).Matches(AddinRules.CrmId()).When(r => r.WhatId is not null);
    }
}
