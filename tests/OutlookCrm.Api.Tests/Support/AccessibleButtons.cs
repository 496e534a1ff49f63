using Microsoft.Playwright;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>
/// Buttons found by role and accessible name in Chromium's own accessibility tree (CDP
/// <c>Accessibility.queryAXTree</c>). Playwright's role selectors compute roles from the DOM and miss a
/// role a custom element sets through ElementInternals, which is how Fluent's <c>fluent-button</c> is a
/// button; Chromium's tree, which screen readers read, has it.
/// </summary>
public static class AccessibleButtons
{
    private const string Mark = "data-accessible-button";

    /// <summary>Clicks the one button named <paramref name="name"/> inside <paramref name="scope"/> (fails if there is none or several).</summary>
    public static async Task ClickAsync(IPage page, ILocator scope, string name)
    {
        await (await FindAsync(page, scope, name)).ClickAsync();
    }

    /// <summary>The one button named <paramref name="name"/> inside <paramref name="scope"/>, waiting for it to be rendered.</summary>
    public static async Task<ILocator> FindAsync(IPage page, ILocator scope, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = await QueryAsync(page, scope, name);
            if (found is not null || DateTime.UtcNow > deadline)
            {
                return found ?? throw new Xunit.Sdk.XunitException($"No button named \"{name}\" in the accessibility tree of {scope}.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<ILocator?> QueryAsync(IPage page, ILocator scope, string name)
    {
        var mark = Guid.NewGuid().ToString("N");
        await scope.EvaluateAsync($"(element, mark) => element.setAttribute('{Mark}-scope', mark)", mark);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            var document = await cdp.SendAsync("DOM.getDocument", new() { ["depth"] = 0 });
            var root = await cdp.SendAsync("DOM.querySelector", new()
            {
                ["nodeId"] = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32(), ["selector"] = $"[{Mark}-scope='{mark}']",
            });
            var result = await cdp.SendAsync("Accessibility.queryAXTree", new()
            {
                ["nodeId"] = root!.Value.GetProperty("nodeId").GetInt32(), ["accessibleName"] = name, ["role"] = "button",
            });
            var buttons = result!.Value.GetProperty("nodes").EnumerateArray()
                .Where(n => !(n.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean()))
                .Select(n => n.GetProperty("backendDOMNodeId").GetInt32()).Distinct().ToList();
            if (buttons.Count == 0)
            {
                return null;
            }

            Assert.True(buttons.Count == 1, $"{buttons.Count} buttons named \"{name}\" in {scope}");
            var resolved = await cdp.SendAsync("DOM.resolveNode", new() { ["backendNodeId"] = buttons[0] });
            await cdp.SendAsync("Runtime.callFunctionOn", new()
            {
                ["objectId"] = resolved!.Value.GetProperty("object").GetProperty("objectId").GetString()!,
                ["functionDeclaration"] = $"function (mark) {{ this.setAttribute('{Mark}', mark); }}",
                ["arguments"] = new[] { new Dictionary<string, object> { ["value"] = mark } },
            });
            return page.Locator($"[{Mark}='{mark}']");
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }
}
