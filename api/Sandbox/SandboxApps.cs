namespace OutlookCrm.Api.Sandbox;

/// <summary>The app registrations the sandbox makes on its emulators. Demo secrets: the emulators exist only on this machine.</summary>
public static class SandboxApps
{
    public const string Audience = "api://outlookcrm-sandbox";
    public const string GraphClientId = "6b1f6c2e-5a4d-4e8f-9c7b-0000000005b1";
    public const string GraphClientSecret = "sandbox-graph-secret";
    public const string SalesforceClientId = "3MVG9-outlookcrm-sandbox";
    public const string SalesforceClientSecret = "sandbox-salesforce-secret";
}
