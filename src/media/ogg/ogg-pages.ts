import { oggCrc } from './ogg-crc.js';

export interface OggPage {
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  /** Packet pieces on this page; `complete[i]` tells whether piece i ends its packet. */
  pieces: Buffer[];
  complete: boolean[];
}

export type OggParse = { ok: true; pages: OggPage[] } | { ok: false; reason: string };

/** Splits a whole Ogg stream into pages, checking capture pattern, version and each page's CRC. */
export function parseOggPages(buf: Buffer): OggParse {
  const pages: OggPage[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 27) return { ok: false, reason: `truncated page header at byte ${off}` };
    if (buf.toString('latin1', off, off + 4) !== 'OggS') return { ok: false, reason: `no Ogg capture pattern at byte ${off}` };
    if (buf[off + 4] !== 0) return { ok: false, reason: `unsupported Ogg version at byte ${off}` };
    const nseg = buf[off + 26]!;
    const headerLen = 27 + nseg;
    if (buf.length - off < headerLen) return { ok: false, reason: `truncated segment table at byte ${off}` };
    let bodyLen = 0;
    for (let i = 0; i < nseg; i++) bodyLen += buf[off + 27 + i]!;
    if (buf.length - off < headerLen + bodyLen) return { ok: false, reason: `truncated page body at byte ${off}` };
    const page = Buffer.from(buf.subarray(off, off + headerLen + bodyLen));
    const stored = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    if (oggCrc(page) !== stored) return { ok: false, reason: `bad CRC on page ${pages.length}` };
    const pieces: Buffer[] = [];
    const complete: boolean[] = [];
    let start = off + headerLen;
    let len = 0;
    for (let i = 0; i < nseg; i++) {
      const lace = buf[off + 27 + i]!;
      len += lace;
      if (lace < 255) {
        pieces.push(buf.subarray(start, start + len));
        complete.push(true);
        start += len;
        len = 0;
      }
    }
    if (len > 0 || (nseg > 0 && buf[off + 27 + nseg - 1] === 255)) {
      pieces.push(buf.subarray(start, start + len));
      complete.push(false);
    }
    pages.push({
      headerType: buf[off + 5]!,
      granule: buf.readBigInt64LE(off + 6),
      serial: buf.readUInt32LE(off + 14),
      sequence: buf.readUInt32LE(off + 18),
      pieces,
      complete,
    });
    off += headerLen + bodyLen;
  }
  return { ok: true, pages };
}

/** Joins page pieces into whole packets (a packet may span pages). */
export function oggPackets(pages: OggPage[]): Buffer[] {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  for (const page of pages) {
    page.pieces.forEach((piece, i) => {
      partial.push(piece);
      if (page.complete[i]) {
        packets.push(partial.length === 1 ? partial[0]! : Buffer.concat(partial));
        partial = [];
      }
    });
  }
  return packets;
}

/** Serialises one page (computes lacing and CRC). */
export function buildOggPage(p: { headerType: number; granule: bigint; serial: number; sequence: number; packets: Buffer[] }): Buffer {
  const lacing: number[] = [];
  for (const pkt of p.packets) {
    let n = pkt.length;
    while (n >= 255) {
      lacing.push(255);
      n -= 255;
    }
    lacing.push(n);
  }
  if (lacing.length > 255) throw new RangeError('too many segments for one Ogg page');
  const body = Buffer.concat(p.packets);
  const page = Buffer.alloc(27 + lacing.length + body.length);
  page.write('OggS', 0, 'latin1');
  page[4] = 0;
  page[5] = p.headerType;
  page.writeBigInt64LE(p.granule, 6);
  page.writeUInt32LE(p.serial >>> 0, 14);
  page.writeUInt32LE(p.sequence >>> 0, 18);
  page[26] = lacing.length;
  Buffer.from(lacing).copy(page, 27);
  body.copy(page, 27 + lacing.length);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Number of Ogg lacing segments a packet takes. */
export const segmentsFor = (pkt: Buffer): number => Math.floor(pkt.length / 255) + 1;
