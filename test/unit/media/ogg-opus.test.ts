import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OggOpusWriter } from '../../../src/media/ogg/ogg-opus-writer.js';
import { toSelfDelimited } from '../../../src/media/ogg/opus-self-delimit.js';
import { readOggOpus, validateOggOpus } from '../../../src/media/ogg/validate-ogg-opus.js';
import { OPUS_SILENCE_20MS, opusPacketSamples } from '../../../src/media/rtp/opus-toc.js';

describe('Ogg Opus', () => {
  it('accepts the shipped prompts and music and measures them', async () => {
    for (const f of ['assets/prompts/queue-entry.opus', 'assets/prompts/queue-waiting.opus', 'assets/prompts/voicemail.opus', 'assets/prompts/callback.opus', 'assets/music/hold.opus']) {
      const r = validateOggOpus(await readFile(f));
      expect(r, f).toMatchObject({ ok: true });
      if (r.ok) expect(r.durationMs).toBeGreaterThan(2000);
    }
    const music = readOggOpus(await readFile('assets/music/hold.opus'));
    expect(music.ok && music.durationMs).toBe(8000);
  });

  it('rejects what is not Ogg Opus, with a reason', async () => {
    const good = await readFile('assets/prompts/voicemail.opus');
    expect(validateOggOpus(Buffer.from('RIFF....WAVE'))).toEqual({ ok: false, reason: expect.stringMatching(/capture pattern|truncated/) });
    const corrupt = Buffer.from(good);
    corrupt[200] = corrupt[200]! ^ 0xff;
    expect(validateOggOpus(corrupt)).toEqual({ ok: false, reason: expect.stringMatching(/CRC/) });
    expect(validateOggOpus(good.subarray(0, good.length - 10))).toEqual({ ok: false, reason: expect.stringMatching(/truncated/) });
    expect(validateOggOpus(Buffer.alloc(0))).toEqual({ ok: false, reason: expect.any(String) });
  });

  it('writes mono and two-stream stereo files that read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-ogg-'));
    try {
      const mono = new OggOpusWriter(join(dir, 'm.opus'), { kind: 'mono' }, 1);
      for (let i = 0; i < 120; i++) mono.write(OPUS_SILENCE_20MS, 960);
      await mono.close();
      const m = readOggOpus(await readFile(join(dir, 'm.opus')));
      expect(m).toMatchObject({ ok: true, durationMs: 2400, head: { channels: 1, mappingFamily: 0 } });

      const st = new OggOpusWriter(join(dir, 's.opus'), { kind: 'stereo-two-streams' }, 2);
      for (let i = 0; i < 50; i++) st.write(Buffer.concat([toSelfDelimited(OPUS_SILENCE_20MS)!, OPUS_SILENCE_20MS]), 960);
      await st.close();
      const s = readOggOpus(await readFile(join(dir, 's.opus')));
      expect(s).toMatchObject({ ok: true, durationMs: 1000, head: { channels: 2, mappingFamily: 1, streams: 2, coupled: 0 } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('self-delimits code 0..3 packets by adding one length', () => {
    expect([...toSelfDelimited(Buffer.from([0xf8, 0xff, 0xfe]))!]).toEqual([0xf8, 2, 0xff, 0xfe]);
    expect([...toSelfDelimited(Buffer.from([0xf9, 1, 2, 3, 4]))!]).toEqual([0xf9, 2, 1, 2, 3, 4]);
    expect([...toSelfDelimited(Buffer.from([0xfa, 1, 9, 7, 7]))!]).toEqual([0xfa, 1, 2, 9, 7, 7]);
    // code 3, CBR, 2 frames of 2 bytes
    expect([...toSelfDelimited(Buffer.from([0xfb, 0x02, 1, 2, 3, 4]))!]).toEqual([0xfb, 0x02, 2, 1, 2, 3, 4]);
    const long = Buffer.concat([Buffer.from([0xf8]), Buffer.alloc(300, 1)]);
    const sd = toSelfDelimited(long)!;
    expect(sd[1]! + sd[2]! * 4).toBe(300);
    expect(toSelfDelimited(Buffer.alloc(0))).toBeNull();
  });

  it('knows how long an Opus packet is from its TOC', () => {
    expect(opusPacketSamples(OPUS_SILENCE_20MS)).toBe(960);
    expect(opusPacketSamples(Buffer.from([0x08 | 1]))).toBe(1920); // SILK NB 20 ms, two frames
    expect(opusPacketSamples(Buffer.from([0x18 | 3, 3]))).toBe(8640); // SILK NB 60 ms x 3
  });
});
