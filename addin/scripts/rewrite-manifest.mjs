#!/usr/bin/env node
// Writes manifest.xml for another deployment: every URL under the development base URL
// (https://localhost:5001) moves under <baseUrl>, the AppDomain becomes its origin, and the
// WebApplicationInfo resource becomes api://<host>/<client id>.
//
//   node scripts/rewrite-manifest.mjs <baseUrl> [out] [--client-id <guid>] [--manifest <path>]
//
// Without [out] the result goes to standard output. Exit code 2 for bad arguments.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const devBaseUrl = 'https://localhost:5001';
const devResourceHost = 'api://localhost:5001/';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UsageError extends Error {}

/** The base URL without a trailing slash; https only (Outlook refuses add-ins served over http). */
export function normaliseBaseUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Not an absolute URL: ${raw}`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`The base URL must use https: ${raw}`);
  if (url.search || url.hash || url.username || url.password) throw new UsageError(`The base URL must not carry a query, fragment or credentials: ${raw}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Rewrites the manifest text; throws when the text does not use the development base URL. */
export function rewriteManifest(xml, baseUrl, clientId) {
  const base = normaliseBaseUrl(baseUrl);
  if (!xml.includes(devBaseUrl)) throw new UsageError(`The manifest does not use ${devBaseUrl}; rewrite the original, not a copy.`);
  if (clientId !== undefined && !guid.test(clientId)) throw new UsageError(`The client id must be a GUID: ${clientId}`);
  const origin = new URL(base).origin;
  const host = new URL(base).host;
  let out = xml
    .replace(/<AppDomain>https:\/\/localhost:5001<\/AppDomain>/g, `<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .split(devBaseUrl)
    .join(escapeXml(base))
    .split(devResourceHost)
    .join(`api://${escapeXml(host)}/`);
  if (clientId !== undefined) {
    out = out.replace(
      /<WebApplicationInfo>([\s\S]*?)<\/WebApplicationInfo>/,
      (_, inner) =>
        `<WebApplicationInfo>${inner
          .replace(/<Id>[^<]*<\/Id>/, `<Id>${clientId}</Id>`)
          .replace(/(<Resource>api:\/\/[^/<]+\/)[^<]*(<\/Resource>)/, `$1${clientId}$2`)}</WebApplicationInfo>`,
    );
  }
  return out;
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--client-id' || arg === '--manifest') {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--')) {
      throw new UsageError(`Unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length < 1 || positional.length > 2) throw new UsageError('Usage: rewrite-manifest.mjs <baseUrl> [out] [--client-id <guid>] [--manifest <path>]');
  return { baseUrl: positional[0], out: positional[1], clientId: options['client-id'], manifest: options.manifest };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const source = args.manifest ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'manifest.xml');
    const result = rewriteManifest(readFileSync(source, 'utf8'), args.baseUrl, args.clientId);
    if (args.out) writeFileSync(args.out, result);
    else process.stdout.write(result);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
