// Writes the add-in's icons (public/assets/icon-<size>.png): a Fluent-blue tile with a white "C".
// Plain RGBA PNGs built with zlib, so no image tool is needed. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const sizes = [16, 32, 64, 80, 128];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Colour of one pixel: transparent corners, blue tile, white ring open to the right. */
function pixel(x, y, size) {
  const c = (size - 1) / 2;
  const dx = x - c;
  const dy = y - c;
  const corner = size * 0.18;
  const ox = Math.max(0, Math.abs(dx) - (c - corner));
  const oy = Math.max(0, Math.abs(dy) - (c - corner));
  if (Math.hypot(ox, oy) > corner) return [0, 0, 0, 0];
  const r = Math.hypot(dx, dy) / size;
  const open = dx > 0 && Math.abs(dy) < dx * 0.75;
  if (r > 0.2 && r < 0.34 && !open) return [255, 255, 255, 255];
  return [0x0f, 0x6c, 0xbd, 255];
}

export function iconPng(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'assets');
  mkdirSync(out, { recursive: true });
  for (const size of sizes) writeFileSync(join(out, `icon-${size}.png`), iconPng(size));
  console.log(`wrote ${sizes.length} icons to ${out}`);
}
