namespace OutlookCrm.Api.Hosting;

/// <summary>
/// <c>/admin</c>: the admin page is a page of the add-in's build (<c>addin/admin.html</c>), served with it
/// under <c>/addin/</c>; the short address redirects there. It signs in with the settings of
/// <c>/addin/config.json</c> and calls <c>/api/admin/*</c> with the admin's token.
/// </summary>
public static class AdminPageHosting
{
    public static WebApplication MapAdminPage(this WebApplication app)
    {
        app.MapGet("/admin", () => TypedResults.Redirect("/addin/admin.html")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
