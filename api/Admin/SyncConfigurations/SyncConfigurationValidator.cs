using System.Globalization;
using FluentValidation;

namespace OutlookCrm.Api.Admin.SyncConfigurations;

public sealed class SyncConfigurationValidator : AbstractValidator<SyncConfigurationRequest>
{
    public static readonly string[] Directions = ["both", "crmToExchange", "exchangeToCrm", "none"];
    public static readonly string[] Winners = ["crm", "exchange"];

    public SyncConfigurationValidator(TimeProvider clock)
    {
        RuleFor(c => c.Active).NotNull().WithMessage("Is required.");
        RuleFor(c => c.Users).NotNull().WithMessage("Is required.");
        RuleForEach(c => c.Users).Email();
        RuleFor(c => c.Users).Must(users => users!.Distinct(StringComparer.OrdinalIgnoreCase).Count() == users!.Count)
            .WithMessage("Lists a mailbox twice.").When(c => c.Users is not null);
        RuleFor(c => c.Contacts).NotNull().WithMessage("Is required.");
        RuleFor(c => c.Contacts!.Direction).OneOf(Directions).When(c => c.Contacts is not null);
        RuleFor(c => c.Contacts!.ConflictWinner).OneOf(Winners).When(c => c.Contacts is not null);
        RuleFor(c => c.Events).NotNull().WithMessage("Is required.");
        When(c => c.Events is not null, () =>
        {
            RuleFor(c => c.Events!.Direction).OneOf(Directions);
            RuleFor(c => c.Events!.ConflictWinner).OneOf(Winners);
            RuleFor(c => c.Events!.SyncFrom).Must(value => ParseDate(value) is not null).WithMessage("Must be a date, yyyy-MM-dd.");
            RuleFor(c => c.Events!.SyncFrom).Must(value => WithinWindow(ParseDate(value)!.Value, clock))
                .WithMessage("Must be at most 2 years back and at most 1 year ahead.").When(c => ParseDate(c.Events!.SyncFrom) is not null);
        });
        RuleForEach(c => c.FieldMappings!.Contacts).NotNull().WithMessage("Is required.").SetValidator(new FieldMappingValidator())
            .When(c => c.FieldMappings?.Contacts is not null);
        RuleForEach(c => c.FieldMappings!.Events).NotNull().WithMessage("Is required.").SetValidator(new FieldMappingValidator())
            .When(c => c.FieldMappings?.Events is not null);
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static bool WithinWindow(DateOnly date, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return date >= today.AddYears(-2) && date <= today.AddYears(1);
    }

    private sealed class FieldMappingValidator : AbstractValidator<FieldMappingRequest?>
    {
        public FieldMappingValidator()
        {
            RuleFor(m => m!.Crm).Must(crm => crm is not null && System.Text.RegularExpressions.Regex.IsMatch(crm, "^[A-Za-z][A-Za-z0-9_]{0,79}$")).WithMessage("Must be a CRM field API name.").When(m => m is not null);
            RuleFor(m => m!.Exchange).Required().When(m => m is not null);
        }
    }
}
