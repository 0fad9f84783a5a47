import { describe, expect, it } from 'vitest';
import { CLOSED_OFFER_LINGER_MS } from '../state/desk-state.js';
import { offer, T0, t } from '../testing/fixtures.js';
import { incomingCallPopupModel, incomingCallPopups } from './incoming-call-popup.js';

describe('incoming-call popup', () => {
  it('shows the contact, the number, the channel and the ring countdown', () => {
    const m = incomingCallPopupModel(offer(), T0 + 6_000, t)!;
    expect(m).toMatchObject({
      title: 'Budi Santoso', ani: '+6281234567890', channel: 'Demo WhatsApp · +622150000001',
      ringing: true, canAnswer: true, secondsLeft: 24, status: 'Ringing · 0:24',
    });
    expect(m.progress).toBeCloseTo(0.8, 5);
  });

  it('uses the number as the title when the contact has no name', () => {
    const m = incomingCallPopupModel(offer({ contact_name: null }), T0, t)!;
    expect(m.title).toBe('+6281234567890');
    expect(m.ani).toBeNull();
  });

  it('cannot be answered once the ring deadline passed', () => {
    const m = incomingCallPopupModel(offer(), T0 + 31_000, t)!;
    expect(m).toMatchObject({ secondsLeft: 0, canAnswer: false, progress: 0 });
  });

  it('says who took the call, then goes away', () => {
    const taken = offer({ closed: { reason: 'taken', at: T0 + 3_000, byName: 'Citra Agent' } });
    expect(incomingCallPopupModel(taken, T0 + 3_500, t)).toMatchObject({ ringing: false, canAnswer: false, status: 'Taken by Citra Agent' });
    expect(incomingCallPopupModel(taken, T0 + 3_000 + CLOSED_OFFER_LINGER_MS, t)).toBeNull();
  });

  it('says the caller hung up when the call was abandoned', () => {
    const gone = offer({ closed: { reason: 'abandoned', at: T0 + 1_000, byName: null } });
    expect(incomingCallPopupModel(gone, T0 + 1_000, t)?.status).toBe('The caller hung up');
  });

  it('announces auto-answer instead of a countdown', () => {
    expect(incomingCallPopupModel(offer({ auto_answer: true }), T0, t)?.status).toBe('Answering automatically…');
  });

  it('lists only the popups still to show', () => {
    const list = incomingCallPopups([offer(), offer({ id: 'other', closed: { reason: 'missed', at: T0 - 10_000, byName: null } })], T0, t);
    expect(list.map((p) => p.callId)).toEqual([offer().id]);
  });
});
