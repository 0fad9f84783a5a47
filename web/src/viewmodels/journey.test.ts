import { describe, expect, it } from 'vitest';
import type { JourneyEntry } from '../api/types.js';
import { createTranslate } from '../i18n/translate.js';
import { iso, t, T0 } from '../testing/fixtures.js';
import { journeyItems } from './journey.js';

const entry = (id: string, at: number, event: string, description: string): JourneyEntry => ({ id, at: iso(at), event, agent_id: null, agent_name: null, description });

describe('call journey', () => {
  it('orders the entries, times them in the user zone with seconds, and counts from the start', () => {
    const items = journeyItems([
      entry('3', T0 + 12_000, 'answered', 'Answered by Agus on the web desk'),
      entry('1', T0, 'routed', 'Routed to ring group Front desk'),
      entry('2', T0 + 2_500, 'offered', 'Offered to Agus'),
      entry('4', T0 + 3_725_000, 'ended', 'Ended answered: the customer hung up'),
    ], { timeZone: 'Asia/Jakarta', locale: 'en-GB' }, t);
    expect(items.map((i) => [i.time, i.title, i.offset, i.tone])).toEqual([
      ['10:00:00', 'Routed', '+00:00:00', 'route'],
      ['10:00:02', 'Offered', '+00:00:02', 'offer'],
      ['10:00:12', 'Answered', '+00:00:12', 'ok'],
      ['11:02:05', 'Ended', '+01:02:05', 'end'],
    ]);
    expect(items[0]!.description).toBe('Routed to ring group Front desk');
  });

  it('names known events in the user language and shows unknown ones as they are', () => {
    const [a, b] = journeyItems([entry('1', T0, 'missed', 'x'), entry('2', T0 + 1, 'media_retry', 'y')], { timeZone: 'UTC', locale: 'id-ID' }, createTranslate('id'));
    expect(a!.title).toBe('Terlewat');
    expect(b).toMatchObject({ title: 'Audio', tone: 'media' });
    const [c] = journeyItems([entry('1', T0, 'something_new', 'z')], { timeZone: 'UTC', locale: 'en-GB' }, t);
    expect(c).toMatchObject({ title: 'something new', tone: 'info' });
  });

  it('keeps the database order of entries written in the same millisecond (ids 9 before 10)', () => {
    const items = journeyItems([entry('10', T0, 'offered', 'b'), entry('9', T0, 'routed', 'a'), entry('11', T0, 'answered', 'c')], { timeZone: 'UTC', locale: 'en-GB' }, t);
    expect(items.map((i) => i.id)).toEqual(['9', '10', '11']);
  });
});
