using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Ews;

public sealed class EwsEmulator(EmulatorCertificates certificates, IMailboxStore store, EntraSigningKeys? signingKeys) : EmulatorServer(certificates)
{
    public string EndpointUrl => $"{BaseUrl}/EWS/Exchange.asmx";

    internal EntraSigningKeys? SigningKeys { get; } = signingKeys;

    protected override ValueTask<RequestClass> ClassifyAsync(HttpContext context) => ValueTask.FromResult(new RequestClass("ews.other", "ews"));

    protected override Task WriteFaultAsync(HttpContext context, FaultRule rule) => Task.CompletedTask;

    protected override void MapRoutes(WebApplication app) => app.MapExchangeAdmin(store);

    protected override void ResetState() => store.Reset();
}
