using OutlookCrm.Api.Hosting;

var app = await ApiApplication.BuildAsync(args);
await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
