namespace OutlookCrm.Core.Connectors.Salesforce.Crm;

/// <summary>What an admin can do about a failed connection-test step, by Salesforce's code.</summary>
internal static class SalesforceHints
{
    public static string? For(string code) => code switch
    {
        "invalid_client_id" or "invalid_client" =>
            "Check the connected app's consumer key and secret, and that the app is enabled for this flow.",
        "invalid_grant" =>
            "Check the username, password + security token, or JWT certificate, and that the user is pre-authorized for the connected app (Manage Connected Apps → Permitted Users).",
        "unsupported_grant_type" =>
            "Enable this OAuth flow on the connected app (new orgs block the username-password flow; prefer JWT bearer or client credentials).",
        "invalid_private_key" => "privateKeyPem must be the PEM RSA private key whose certificate is uploaded to the connected app.",
        SalesforceErrorCodes.InvalidSessionId => "The token was rejected even after a refresh: check the connected app's session policies and IP relaxation.",
        "API_DISABLED_FOR_ORG" => "This Salesforce edition or user has no API access: give the integration user the 'API Enabled' permission.",
        "INSUFFICIENT_ACCESS" or "INSUFFICIENT_ACCESS_OR_READONLY" => "Give the integration user read/write access to Contact, Lead, Account, Opportunity and Event.",
        SalesforceErrorCodes.RequestLimitExceeded => "The org's daily API allocation is spent; sync resumes when Salesforce resets it (rolling 24 hours).",
        SalesforceErrorCodes.MissingExternalIdField =>
            "Add a Text(255) field OutlookCrm_ExchangeId__c marked 'External ID' and 'Unique' to Contact and Event (see core/Connectors/Salesforce/README.md).",
        SalesforceErrorCodes.ServerUnavailable => "Salesforce is unavailable (maintenance?); try again later.",
        _ => null,
    };
}
