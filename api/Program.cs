using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Endpoints;
using OutlookCrm.Api.Endpoints.Addin;
using OutlookCrm.Api.Endpoints.Admin;
using OutlookCrm.Api.Endpoints.Notifications;
using OutlookCrm.Api.Hosting;
using OutlookCrm.Api.Problems;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;

var builder = WebApplication.CreateBuilder(SandboxHosting.WithoutSandboxFlag(args));
builder.AddSandboxIfRequested(args);
ApiConfigurationCheck.ThrowIfInvalid(builder.Configuration);

builder.Services
    .AddProblems()
    .AddValidatorsFrom<Program>()
    .AddStore(builder.Configuration)
    .AddOutboundHttp(builder.Configuration)
    .AddApiAuth(builder.Configuration)
    .AddAddinServices()
    .AddAdminApi()
    .AddApiDocumentation()
    .AddSyncOptions(builder.Configuration)
    .AddGraphNotifications();
if (builder.Configuration.GetValue(ConfigurationKeys.SyncRunInApi, true))
{
    builder.Services.AddSyncLoop(builder.Configuration);
}

var app = builder.Build();
await app.Services.GetRequiredService<Migrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapAddinPane();
app.MapAdminPage();
app.UseAuthentication();
app.UseAuthorization();
app.UseSwagger();
app.UseSwaggerUI();

app.MapHealth();
app.MapAddinApi();
app.MapAdminApi();
app.MapGraphNotifications();
app.MapSandboxIfEnabled();

await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
