using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace OutlookCrm.Api.Tests.Addin;

/// <summary>
/// The add-in's <c>manifest.xml</c>: valid against the OfficeApp 1.1 / mail VersionOverrides XSDs in
/// <c>../shared/schemas/addin-manifest/</c>, every <c>resid</c> defined, every URL under one base URL,
/// and the output of <c>addin/scripts/rewrite-manifest.mjs</c> valid too.
/// </summary>
public sealed class ManifestTests
{
    private const string BaseUrl = "https://localhost:5001";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Vo10 = "http://schemas.microsoft.com/office/mailappversionoverrides";
    private static readonly XNamespace Vo11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OutlookCrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OutlookCrm.sln not found above " + AppContext.BaseDirectory);
    });

    private static string ManifestPath => Path.Combine(RepoRoot.Value, "manifest.xml");

    private static string SchemaDir => Path.GetFullPath(Path.Combine(RepoRoot.Value, "..", "shared", "schemas", "addin-manifest"));

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(SchemaDir, "OfficeAppManifestV1_1.xsd"));
        set.Compile();
        return set;
    });

    private static List<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) =>
            errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static string Manifest => File.ReadAllText(ManifestPath);

    [Fact]
    public void Manifest_validates_against_the_schemas()
    {
        Assert.Empty(Validate(Manifest));
    }

    [Theory]
    [InlineData("<Permissions>ReadWriteItem</Permissions>", "<Permissions>Everything</Permissions>")]
    [InlineData("<bt:String id=\"Group.Label\"", "<bt:String id=\"A.Resource.Id.That.Is.Far.Too.Long.For.Outlook\"")]
    [InlineData("<Version>1.0.0.0</Version>", "<Version>one</Version>")]
    [InlineData("<DisplayName DefaultValue=\"OutlookCrm\"/>", "<Displayname DefaultValue=\"OutlookCrm\"/>")]
    public void Validation_rejects_broken_variants(string find, string replace)
    {
        Assert.Contains(find, Manifest);
        Assert.NotEmpty(Validate(Manifest.Replace(find, replace)));
    }

    [Fact]
    public void Validation_rejects_SupportsPinning_in_the_1_0_block()
    {
        var doc = XDocument.Parse(Manifest);
        var firstAction = doc.Descendants(Vo10 + "Action").First();
        firstAction.Add(new XElement(Vo10 + "SupportsPinning", "true"));
        Assert.NotEmpty(Validate(doc.ToString()));
    }

    [Fact]
    public void Every_resid_is_defined_in_its_own_VersionOverrides_block()
    {
        var doc = XDocument.Parse(Manifest);
        var blocks = doc.Descendants().Where(e => e.Name.LocalName == "VersionOverrides").ToList();
        Assert.Equal(2, blocks.Count);
        foreach (var block in blocks)
        {
            var ns = block.Name.Namespace;
            var defined = block.Element(ns + "Resources")!.Descendants()
                .Where(e => e.Name.Namespace == Bt && e.Attribute("id") is not null)
                .Select(e => e.Attribute("id")!.Value)
                .ToHashSet(StringComparer.Ordinal);
            var used = block.Descendants()
                .Where(e => e.Ancestors().First(a => a.Name.LocalName == "VersionOverrides") == block)
                .Select(e => e.Attribute("resid")?.Value)
                .OfType<string>()
                .ToList();
            Assert.NotEmpty(used);
            Assert.All(used, resid =>
            {
                Assert.True(defined.Contains(resid), $"resid '{resid}' is not defined in {ns}");
                Assert.True(resid.Length <= 32, $"resid '{resid}' is longer than 32 characters");
            });
        }
    }

    [Fact]
    public void Every_surface_opens_a_pane_and_the_1_1_block_pins_it()
    {
        var doc = XDocument.Parse(Manifest);
        var v11 = doc.Descendants(Vo11 + "VersionOverrides").Single();
        var surfaces = v11.Descendants(Vo11 + "ExtensionPoint").Select(e => e.Attribute(Xsi + "type")!.Value).ToList();
        Assert.Equal(
            ["MessageReadCommandSurface", "AppointmentOrganizerCommandSurface", "AppointmentAttendeeCommandSurface"],
            surfaces);
        var actions = v11.Descendants(Vo11 + "Action").ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("true", a.Element(Vo11 + "SupportsPinning")?.Value));
        var info = v11.Element(Vo11 + "WebApplicationInfo")!;
        Assert.Matches("^[0-9a-f-]{36}$", info.Element(Vo11 + "Id")!.Value);
        Assert.Equal($"api://localhost:5001/{info.Element(Vo11 + "Id")!.Value}", info.Element(Vo11 + "Resource")!.Value);
        Assert.Equal("ReadWriteItem", doc.Root!.Element(doc.Root.Name.Namespace + "Permissions")!.Value);
    }

    [Fact]
    public void Every_url_starts_with_the_base_url()
    {
        var urls = Urls(XDocument.Parse(Manifest));
        Assert.True(urls.Count >= 10, $"only {urls.Count} URLs found");
        Assert.All(urls, url => Assert.StartsWith(BaseUrl, url, StringComparison.Ordinal));
        Assert.Contains($"{BaseUrl}/addin/taskpane.html", urls);
    }

    [Fact]
    public void Icons_named_in_the_manifest_exist_as_png_files()
    {
        var icons = Urls(XDocument.Parse(Manifest)).Where(u => u.EndsWith(".png", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(5, icons.Count);
        Assert.All(icons, url =>
        {
            var file = Path.Combine(RepoRoot.Value, "addin", "public", url[(BaseUrl + "/addin/").Length..]);
            Assert.True(File.Exists(file), $"{file} is missing");
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(file)[..4]);
        });
    }

    [Fact]
    public async Task Rewritten_manifest_for_another_base_url_validates()
    {
        const string other = "https://crm.contoso.com/outlook";
        const string clientId = "11111111-2222-3333-4444-555555555555";
        var output = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.xml");
        try
        {
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { Path.Combine(RepoRoot.Value, "addin", "scripts", "rewrite-manifest.mjs"), other, output, "--client-id", clientId },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.ExitCode == 0, $"rewrite-manifest.mjs failed: {await stderr}");

            var rewritten = await File.ReadAllTextAsync(output, timeout.Token);
            Assert.Empty(Validate(rewritten));
            var urls = Urls(XDocument.Parse(rewritten));
            Assert.Equal(Urls(XDocument.Parse(Manifest)).Count, urls.Count);
            Assert.All(urls, url => Assert.True(
                url == "https://crm.contoso.com" || url.StartsWith(other + "/", StringComparison.Ordinal), url));
            Assert.Contains($"<Resource>api://crm.contoso.com/{clientId}</Resource>", rewritten, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Every URL the manifest points at: DefaultValue attributes and AppDomain text (namespaces excluded).</summary>
    private static List<string> Urls(XDocument doc) =>
        doc.Descendants().Attributes("DefaultValue").Select(a => a.Value)
            .Concat(doc.Descendants().Where(e => e.Name.LocalName == "AppDomain").Select(e => e.Value))
            .Where(v => v.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
