import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/domain/settings.js';

/** SPEC §7's metric definitions, which docs/metrics.md must carry word for word. */
const SPEC_DEFINITIONS = `
  - *offered* = inbound calls that reached routing; *answered*, *abandoned* (caller hung up before
    an agent answered; calls that ended in a callback or voicemail are not abandoned) and
    *short-abandoned* (abandoned within **5 s**) are subsets;
  - **service level** = answered within **T = 20 s** of reaching routing ÷ (offered −
    short-abandoned), in %; **ASA** = mean wait of answered calls; **abandonment rate** =
    (abandoned − short-abandoned) ÷ (offered − short-abandoned); **AHT** = mean (talk + hold +
    wrap-up) of answered calls; **occupancy** = handle time ÷ (handle time + available time) of
    the agents in scope.`;

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('docs/metrics.md', () => {
  const doc = fs.readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');

  it('states the metric definitions exactly as the specification words them', () => {
    expect(words(doc)).toContain(words(SPEC_DEFINITIONS));
  });

  it('names the settings behind T and the short-abandon limit, with the defaults the code uses', () => {
    const s = defaultSettings();
    expect(s.service_level_threshold_s).toBe(20);
    expect(s.short_abandon_s).toBe(5);
    expect(doc).toContain('`service_level_threshold_s` (default 20)');
    expect(doc).toContain('`short_abandon_s` (default 5)');
  });

  it('says how the talk term of AHT is taken from a talk time that contains the hold', () => {
    expect(doc).toContain('`talk_seconds − hold_seconds`');
  });
});
