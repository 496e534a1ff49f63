using Microsoft.Playwright;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>The task pane's people by their accessible names (each person's list item is labelled by the name shown).</summary>
public static class PaneLocators
{
    public static ILocator Person(IPage page, string name) => page.GetByRole(AriaRole.Listitem, new() { Name = name, Exact = true });

    /// <summary>The Contact / Lead / Unknown badge of a person.</summary>
    public static ILocator Badge(ILocator person, string badge) => person.GetByText(badge, new() { Exact = true });
}
