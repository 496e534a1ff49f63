import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devBaseUrl, normaliseBaseUrl, rewriteManifest, UsageError } from '../../scripts/rewrite-manifest.mjs';

const manifest = readFileSync(join(import.meta.dirname, '..', '..', '..', 'manifest.xml'), 'utf8');
const clientId = '11111111-2222-3333-4444-555555555555';

/** Every http(s) URL the manifest points at (DefaultValue attributes and element text; not namespaces). */
const urls = (xml: string) =>
  [...xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/(?:DefaultValue="|>)(https?:\/\/[^"<\s]+)/g)].map((m) => m[1]!);

describe('manifest.xml', () => {
  it('puts every URL under the development base URL', () => {
    const found = urls(manifest);
    expect(found.length).toBeGreaterThan(10);
    for (const url of found) expect(url.startsWith(devBaseUrl), url).toBe(true);
  });

  it('points the task pane at /addin/taskpane.html and the icons at /addin/assets/', () => {
    expect(manifest).toContain(`${devBaseUrl}/addin/taskpane.html`);
    for (const size of [16, 32, 80]) expect(manifest).toContain(`${devBaseUrl}/addin/assets/icon-${size}.png`);
  });
});

describe('rewrite-manifest', () => {
  it('moves every URL under the new base URL, the AppDomain to its origin, the resource to its host', () => {
    const out = rewriteManifest(manifest, 'https://crm.contoso.com/outlook/', clientId);
    const found = urls(out);
    expect(found).toHaveLength(urls(manifest).length);
    for (const url of found) {
      expect(url === 'https://crm.contoso.com' || url.startsWith('https://crm.contoso.com/outlook/addin/'), url).toBe(true);
    }
    expect(out).not.toContain('localhost');
    expect(out).toContain('<AppDomain>https://crm.contoso.com</AppDomain>');
    expect(out).toContain(`<Id>${clientId}</Id>`);
    expect(out).toContain(`<Resource>api://crm.contoso.com/${clientId}</Resource>`);
    // The add-in's own id stays: it identifies the add-in across deployments.
    expect(out).toContain('<Id>6d1f3c2a-8e4b-4f0a-9b7c-2e5d8a1c4f60</Id>');
  });

  it('keeps the client id when none is given, and keeps a port in the resource host', () => {
    const out = rewriteManifest(manifest, 'https://crm.contoso.com:8443', undefined);
    expect(out).toMatch(/<Resource>api:\/\/crm\.contoso\.com:8443\/00000000-0000-0000-0000-000000000000<\/Resource>/);
  });

  it('refuses http, queries, non-GUID client ids and an already rewritten manifest', () => {
    expect(() => normaliseBaseUrl('http://crm.contoso.com')).toThrow(UsageError);
    expect(() => normaliseBaseUrl('https://crm.contoso.com/?x=1')).toThrow(UsageError);
    expect(() => normaliseBaseUrl('crm.contoso.com')).toThrow(UsageError);
    expect(() => rewriteManifest(manifest, 'https://crm.contoso.com', 'not-a-guid')).toThrow(/GUID/);
    const once = rewriteManifest(manifest, 'https://crm.contoso.com', undefined);
    expect(() => rewriteManifest(once, 'https://other.example', undefined)).toThrow(/rewrite the original/);
  });

  it('escapes XML-special characters in the base URL', () => {
    const out = rewriteManifest(manifest, "https://crm.contoso.com/a&b", undefined);
    expect(out).toContain('https://crm.contoso.com/a&amp;b/addin/taskpane.html');
  });
});
