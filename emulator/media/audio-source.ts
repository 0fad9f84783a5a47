import { readFileSync } from 'node:fs';
import type { AudioSourceSpec } from '../state/types.js';
import { readOggOpusPackets, opusPacketSamples } from './ogg.js';
import { encodeFrames, FRAME_SAMPLES, SAMPLE_RATE } from './opus.js';

/** A looped sequence of Opus packets with the number of 48 kHz samples each one carries. */
export interface EncodedLoop {
  packets: { payload: Buffer; samples: number }[];
}

const cache = new Map<string, EncodedLoop>();

function toneLoop(frequencyHz: number, amplitude: number): EncodedLoop {
  // One second holds a whole number of cycles of any integer frequency, so the loop is seamless.
  const pcm = new Int16Array(SAMPLE_RATE);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / SAMPLE_RATE) * amplitude * 32767);
  return { packets: encodeFrames(pcm).map((payload) => ({ payload, samples: FRAME_SAMPLES })) };
}

/** Opus packets for a source, encoded once per distinct source and reused by every call. */
export function encodedLoop(spec: AudioSourceSpec): EncodedLoop {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  let loop: EncodedLoop;
  switch (spec.kind) {
    case 'tone':
      loop = toneLoop(Math.round(spec.frequencyHz), spec.amplitude ?? 0.3);
      break;
    case 'silence':
      loop = { packets: encodeFrames(new Int16Array(FRAME_SAMPLES * 5)).map((payload) => ({ payload, samples: FRAME_SAMPLES })) };
      break;
    case 'file': {
      const packets = readOggOpusPackets(readFileSync(spec.path)).map((payload) => ({ payload, samples: opusPacketSamples(payload) }));
      if (packets.length === 0) throw new Error('The Ogg file holds no Opus audio packets');
      loop = { packets };
      break;
    }
  }
  cache.set(key, loop);
  return loop;
}
