// A small picture standing in for a scanned health-check certificate in the demo (a card with a red seal),
// drawn here so the demo ships no image of a real document.
import zlib from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function demoCertificatePng(width = 420, height = 300): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let [r, g, b] = [253, 250, 243]; // paper
      if (x < 12 || y < 12 || x >= width - 12 || y >= height - 12)
        [r, g, b] = [196, 160, 110]; // frame
      else if (y > 40 && y < 56 && x > 110 && x < 310)
        [r, g, b] = [60, 60, 60]; // title line
      else if (((y - 90) % 28 === 0 || (y - 91) % 28 === 0) && y > 80 && y < 230 && x > 50 && x < 370) [r, g, b] = [150, 150, 150]; // text lines
      const dx = x - 320,
        dy = y - 215,
        d = Math.sqrt(dx * dx + dy * dy);
      if (d > 40 && d < 47) [r, g, b] = [210, 40, 40]; // seal
      if (d < 10) [r, g, b] = [210, 40, 40];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
