import { crc32, deflateSync } from 'node:zlib';

/** One pixel as red, green, blue, alpha (0-255 each). */
export type Rgba = readonly [number, number, number, number];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an 8-bit RGBA PNG whose pixels come from `pixel(x, y)`. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y += 1) {
    const start = y * (1 + width * 4);
    rows[start] = 0; // filter: none
    for (let x = 0; x < width; x += 1) rows.set(pixel(x, y), start + 1 + x * 4);
  }
  return new Uint8Array(Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}

/** Parses `#rrggbb` into an opaque pixel. */
export function hexColor(hex: string): Rgba {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16), 255];
}

/** True where a letter "H" covers the point, in coordinates scaled to a `size` square. */
export function insideH(x: number, y: number, size: number): boolean {
  const u = ((x + 0.5) / size) * 192;
  const v = ((y + 0.5) / size) * 192;
  const stem = (u >= 52 && u < 80) || (u >= 112 && u < 140);
  const bar = u >= 52 && u < 140 && v >= 84 && v < 108;
  return v >= 44 && v < 148 && (stem || bar);
}
