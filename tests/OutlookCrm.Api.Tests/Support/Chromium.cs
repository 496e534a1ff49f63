using Microsoft.Playwright;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>
/// Debian's Chromium through Playwright (<c>/usr/bin/chromium</c> or <c>CHROMIUM_PATH</c>; never a downloaded
/// browser), pages that may reach 127.0.0.1 only, and <c>test-artifacts/</c> at the repository root for screenshots.
/// The pages come from the built add-in (<c>addin/dist</c>, <c>npm ci &amp;&amp; npm run build</c>), as test.sh does first.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly List<string> leftTheMachine = [];

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Requests the pages tried to send anywhere but 127.0.0.1 (each was aborted).</summary>
    public IReadOnlyList<string> LeftTheMachine
    {
        get
        {
            lock (leftTheMachine)
            {
                return [.. leftTheMachine];
            }
        }
    }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "addin", "dist", "preview.html")), "Build the add-in first: cd addin && npm ci && npm run build");
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"No Chromium at {executable}: apt-get install chromium, or set CHROMIUM_PATH.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A page of the given size in a fresh context; every request leaving 127.0.0.1 is aborted and recorded.</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host == "127.0.0.1")
            {
                await route.ContinueAsync();
                return;
            }

            lock (leftTheMachine)
            {
                leftTheMachine.Add(route.Request.Url);
            }

            await route.AbortAsync();
        });
        return page;
    }

    /// <summary>Saves <c>test-artifacts/{name}.png</c> (the whole page) and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "test-artifacts")).FullName, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 5_000, $"{path} looks empty");
        return path;
    }

    /// <summary>Whether the page scrolls sideways at its width (the pane must fit 320 px).</summary>
    public static Task<bool> FitsItsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OutlookCrm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OutlookCrm.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
