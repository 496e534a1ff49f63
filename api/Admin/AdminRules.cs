using System.Net.Mail;
using FluentValidation;

namespace OutlookCrm.Api.Admin;

/// <summary>Validation rules shared by the admin DTOs.</summary>
public static class AdminRules
{
    public const string Masked = "***";

    /// <summary>An absolute HTTPS URL; plain http only for a loopback host (the emulators, a local proxy).</summary>
    public static IRuleBuilderOptions<T, string?> SecureUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSecureUrl).WithMessage("Must be an absolute https:// URL (plain http only for localhost).");

    /// <summary>Exactly one of <paramref name="values"/> (case-sensitive, as the contract spells them).</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, params string[] values) =>
        rule.Must(v => v is not null && values.Contains(v, StringComparer.Ordinal))
            .WithMessage($"Must be one of: {string.Join(", ", values)}.");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsEmail).WithMessage("Must be an email address.");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Is required.");

    public static bool IsSecureUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= 320
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value.Trim()
        && string.IsNullOrEmpty(address.DisplayName)
        && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>A secret as sent: null or <c>"***"</c> mean "keep the stored one".</summary>
    public static bool Keeps(string? secret) => secret is null || secret == Masked;

    public static string? Mask(string? secret) => string.IsNullOrEmpty(secret) ? null : Masked;
}
