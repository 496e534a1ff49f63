namespace OutlookCrm.Core.Configuration;

/// <summary>Thrown before the host starts when a configuration key is missing or invalid; the message names the key.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
