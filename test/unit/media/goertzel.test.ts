import { describe, expect, it } from 'vitest';
import { createOpusCodec } from '../../../src/media/audio/opus-codec.js';
import { dominantFrequency, rms, toneLevel } from '../../../src/media/testing/goertzel.js';
import { sinePcm, toneFrames } from '../../../src/media/testing/tone.js';

describe('tone tools', () => {
  it('measures a tone and finds the dominant frequency', () => {
    const pcm = sinePcm(440, 200, 0.5);
    expect(toneLevel(pcm, 48000, 440)).toBeCloseTo(0.5, 1);
    expect(toneLevel(pcm, 48000, 1000)).toBeLessThan(0.01);
    expect(dominantFrequency(pcm, 48000).hz).toBe(440);
    expect(rms(new Int16Array(960))).toBe(0);
  });

  it('tone frames decode back to the tone', () => {
    const frames = toneFrames(1000);
    expect(frames).toHaveLength(50);
    const codec = createOpusCodec();
    const pcm = frames.slice(0, 20).map((f) => codec.decode(f));
    codec.close();
    const joined = new Int16Array(pcm.length * 960);
    pcm.forEach((p, i) => joined.set(p, i * 960));
    expect(dominantFrequency(joined.subarray(4800), 48000).hz).toBe(1000);
  });
});
