import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconPng, sizes } from '../../scripts/make-icons.mjs';

const assets = join(import.meta.dirname, '..', '..', 'public', 'assets');

describe('icons', () => {
  it.each(sizes)('icon-%i.png is a PNG of that size, as the generator writes it', (size) => {
    const file = readFileSync(join(assets, `icon-${size}.png`));
    expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(file.readUInt32BE(16)).toBe(size); // IHDR width
    expect(file.readUInt32BE(20)).toBe(size); // IHDR height
    expect(file.equals(iconPng(size))).toBe(true);
  });
});
