namespace OutlookCrm.Emulators.Common;

/// <summary>What a request is, as the emulator names it: the operation (for the journal and fault rules) and the throttling key (mailbox, org).</summary>
public readonly record struct RequestClass(string Operation, string Key);
