using Microsoft.Extensions.FileProviders;
using OutlookCrm.Core.Configuration;

namespace OutlookCrm.Api.Hosting;

/// <summary>
/// Serves the built task pane (<c>addin/dist</c>, <c>npm run build</c>) anonymously under <c>/addin/</c>,
/// and answers <c>/addin/config.json</c> from configuration so one build serves every deployment.
/// </summary>
public static class AddinHosting
{
    public static WebApplication MapAddinPane(this WebApplication app)
    {
        var dist = FindDist(app.Configuration, app.Environment);
        app.MapGet("/addin/config.json", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Json(PaneConfig(app.Configuration));
        }).AllowAnonymous().ExcludeFromDescription();

        if (dist is null)
        {
            app.Logger.LogWarning("The add-in is not built: run 'npm ci && npm run build' in addin/ (or set Addin__DistDirectory); /addin/ answers 404.");
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dist),
            RequestPath = "/addin",
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/addin/bundle")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
        return app;
    }

    private static object PaneConfig(IConfiguration configuration)
    {
        var audience = configuration[ConfigurationKeys.AuthAudience] ?? "";
        var scopes = configuration.GetSection("Addin:Scopes").Get<string[]>() ?? [$"{audience.TrimEnd('/')}/access_as_user"];
        return new
        {
            apiBaseUrl = "",
            auth = new
            {
                clientId = configuration["Addin:ClientId"] ?? "",
                authority = configuration["Addin:Authority"] ?? "https://login.microsoftonline.com/organizations",
                scopes,
                // The admin page (/admin) signs in with the same app; its token needs the admin app role, not another scope by default.
                adminScopes = configuration.GetSection("Admin:Scopes").Get<string[]>() ?? scopes,
            },
            previewTokenUrl = "/sandbox/token",
            // Set by the sandbox only: where the preview finds the user's demo meetings.
            previewItemsUrl = configuration["Addin:PreviewItemsUrl"] ?? "",
        };
    }

    private static string? FindDist(IConfiguration configuration, IWebHostEnvironment environment)
    {
        string?[] candidates =
        [
            configuration["Addin:DistDirectory"],
            Path.Combine(environment.ContentRootPath, "addin", "dist"),
            Path.Combine(environment.ContentRootPath, "..", "addin", "dist"),
            Path.Combine(AppContext.BaseDirectory, "addin"),
        ];
        return candidates.Where(c => !string.IsNullOrEmpty(c)).Select(c => Path.GetFullPath(c!)).FirstOrDefault(Directory.Exists);
    }
}
