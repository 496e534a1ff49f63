namespace OutlookCrm.Api.Endpoints.Addin;

public static class AddinEndpoints
{
    /// <summary>Every <c>/api/addin/*</c> route: any valid user token, acting for that user (CONTRACT.md §4).</summary>
    public static IEndpointRouteBuilder MapAddinApi(this IEndpointRouteBuilder app)
    {
        var addin = app.MapGroup("/api/addin")
            .RequireAuthorization()
            .WithTags("Add-in")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        addin.MapMe();
        addin.MapLookup();
        addin.MapContacts();
        addin.MapCrmLinks();
        return app;
    }
}
