using FluentValidation;

namespace OutlookCrm.Api.Admin.Connections;

public sealed class ExchangeConnectionValidator : AbstractValidator<ExchangeConnection>
{
    public ExchangeConnectionValidator()
    {
        RuleFor(c => c.Type).OneOf("ews", "graph");
        RuleFor(c => c.EwsUrl).SecureUrl().When(c => c.Type == "ews");
        RuleFor(c => c.GraphUrl).SecureUrl().When(c => c.Type == "graph" && c.GraphUrl is not null);
        RuleFor(c => c.Auth).NotNull().WithMessage("Is required.");
        When(c => c.Auth is not null, () =>
        {
            RuleFor(c => c.Auth!.Type).OneOf("basic", "clientCredentials").When(c => c.Type != "graph");
            RuleFor(c => c.Auth!.Type).OneOf("clientCredentials").When(c => c.Type == "graph");
            When(c => c.Auth!.Type == "basic", () => RuleFor(c => c.Auth!.Username).Required());
            When(c => c.Auth!.Type == "clientCredentials", () =>
            {
                RuleFor(c => c.Auth!.Authority).SecureUrl().When(c => c.Auth!.Authority is not null);
                RuleFor(c => c.Auth!.TenantId).Required();
                RuleFor(c => c.Auth!.ClientId).Required();
            });
        });
    }
}

public sealed class ExchangeTestRequestValidator : AbstractValidator<ExchangeTestRequest>
{
    public ExchangeTestRequestValidator() => RuleFor(r => r.Mailbox).Email();
}
