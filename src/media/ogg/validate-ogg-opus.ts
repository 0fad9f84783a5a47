import { opusPacketSamples } from '../rtp/opus-toc.js';
import { oggPackets, parseOggPages } from './ogg-pages.js';
import { parseOpusHead, type OpusHead } from './opus-head.js';

export type OggOpusValidation = { ok: true; durationMs: number } | { ok: false; reason: string };

export type OggOpusRead = { ok: true; head: OpusHead; packets: Buffer[]; durationMs: number } | { ok: false; reason: string };

/** Parses an Ogg Opus file (RFC 7845): pages with valid CRCs, OpusHead then OpusTags, then audio packets. */
export function readOggOpus(buf: Buffer): OggOpusRead {
  const parsed = parseOggPages(buf);
  if (!parsed.ok) return parsed;
  const { pages } = parsed;
  if (pages.length < 2) return { ok: false, reason: 'an Ogg Opus file needs at least two pages' };
  const first = pages[0]!;
  if ((first.headerType & 0x02) === 0) return { ok: false, reason: 'first page is not a beginning-of-stream page' };
  const serial = first.serial;
  if (pages.some((p) => p.serial !== serial)) return { ok: false, reason: 'multiplexed Ogg streams are not supported' };
  if (first.pieces.length !== 1 || !first.complete[0]) return { ok: false, reason: 'OpusHead must be alone on the first page' };
  const packets = oggPackets(pages);
  const head = parseOpusHead(packets[0]!);
  if ('error' in head) return { ok: false, reason: head.error };
  const tags = packets[1];
  if (!tags || tags.toString('latin1', 0, 8) !== 'OpusTags') return { ok: false, reason: 'second packet is not OpusTags' };
  const audio = packets.slice(2);
  if (audio.length === 0) return { ok: false, reason: 'no audio packets' };
  let samples = 0;
  for (const [i, pkt] of audio.entries()) {
    const n = opusPacketSamples(pkt);
    if (n === 0 || n > 5760) return { ok: false, reason: `audio packet ${i} is not a valid Opus packet` };
    samples += n;
  }
  const lastGranule = pages[pages.length - 1]!.granule;
  const granuleSamples = lastGranule > 0n ? Number(lastGranule) - head.preSkip : samples - head.preSkip;
  const durationMs = Math.max(0, Math.round(Math.min(granuleSamples, samples) / 48));
  return { ok: true, head, packets: audio, durationMs };
}

/** For admin uploads: is this a usable Ogg/Opus prompt, and how long is it. */
export function validateOggOpus(buf: Buffer): OggOpusValidation {
  const r = readOggOpus(buf);
  return r.ok ? { ok: true, durationMs: r.durationMs } : { ok: false, reason: r.reason };
}
