using FluentValidation;

namespace OutlookCrm.Api.Admin.Connections;

public sealed class CrmConnectionValidator : AbstractValidator<CrmConnection>
{
    public CrmConnectionValidator()
    {
        RuleFor(c => c.Type).OneOf("salesforce");
        RuleFor(c => c.LoginUrl).SecureUrl();
        RuleFor(c => c.ApiVersion).Must(v => System.Text.RegularExpressions.Regex.IsMatch(v!, @"^[1-9][0-9]{1,2}\.0$")).WithMessage("Must be a Salesforce API version such as 62.0.")
            .When(c => c.ApiVersion is not null);
        RuleFor(c => c.Auth).NotNull().WithMessage("Is required.");
        When(c => c.Auth is not null, () =>
        {
            RuleFor(c => c.Auth!.Type).OneOf("password", "jwtBearer", "clientCredentials");
            RuleFor(c => c.Auth!.ClientId).Required();
            RuleFor(c => c.Auth!.Username).Required().When(c => c.Auth!.Type is "password" or "jwtBearer");
            RuleFor(c => c.Auth!.PrivateKeyPem)
                .Must(pem => pem!.Contains("PRIVATE KEY-----", StringComparison.Ordinal)).WithMessage("Must be a PEM private key.")
                .When(c => c.Auth!.Type == "jwtBearer" && !AdminRules.Keeps(c.Auth.PrivateKeyPem) && c.Auth.PrivateKeyPem != "");
        });
    }
}
