import { describe, expect, it } from 'vitest';
import { message, t } from '../testing/fixtures.js';
import { timelineItems } from './timeline.js';

const jakarta = { timeZone: 'Asia/Jakarta', locale: 'en-GB' };

describe('room timeline', () => {
  it('orders messages, shows times in the user time zone and separates days', () => {
    const items = timelineItems([
      message({ id: 'b', body: 'second', created_at: '2026-03-02T17:30:00.000Z' }),
      message({ id: 'a', body: 'first', created_at: '2026-03-02T03:00:00.000Z', direction: 'out', status: 'read' }),
    ], jakarta, t);
    expect(items.map((i) => i.kind)).toEqual(['day', 'message', 'day', 'message']);
    expect(items[1]).toMatchObject({ kind: 'message', side: 'out', text: 'first', time: '10:00', status: 'read' });
    // 17:30 UTC on 2 March is 00:30 on 3 March in Jakarta: a new day there.
    expect(items[3]).toMatchObject({ text: 'second', time: '00:30' });
    const utc = timelineItems([message({ created_at: '2026-03-02T23:30:00.000Z' })], { timeZone: 'UTC', locale: 'en-GB' }, t);
    const jkt = timelineItems([message({ created_at: '2026-03-02T23:30:00.000Z' })], jakarta, t);
    expect((utc[0] as { label: string }).label).not.toBe((jkt[0] as { label: string }).label);
  });

  it('shows call events: "Call ended 00:03:12", missed, declined by the customer', () => {
    const items = timelineItems([
      message({ type: 'call', direction: 'system', body: 'Call ended 00:03:12', call_id: 'c1', data: { result: 'answered', talk_seconds: 192, duration: '00:03:12' } }),
      message({ type: 'call', direction: 'system', body: 'Missed call', call_id: 'c2', data: { result: 'missed', direction: 'inbound' } }),
      message({ type: 'call', direction: 'system', body: 'Call declined', call_id: 'c3', data: { result: 'rejected', direction: 'outbound' } }),
    ], jakarta, t).filter((i) => i.kind === 'call');
    expect(items.map((i) => (i as { text: string }).text)).toEqual(['Call ended 00:03:12', 'Missed call', 'The customer rejected the call']);
    expect(items.map((i) => (i as { tone: string }).tone)).toEqual(['ok', 'missed', 'missed']);
  });

  it('names messages without text', () => {
    const items = timelineItems([message({ type: 'audio', body: null })], jakarta, t);
    expect(items[1]).toMatchObject({ kind: 'message', text: 'Voice note' });
  });

  it('shows call invitations and the customer’s answers in the user’s words and time zone', () => {
    const items = timelineItems([
      message({ type: 'call_permission_request', direction: 'out', body: 'May we call you?', status: 'delivered', data: { expires_at: '2026-03-05T03:00:00.000Z', automatic: false } }),
      message({ type: 'call_permission_reply', direction: 'in', body: 'Accepted (temporary, until 2026-03-09T03:00:00.000Z)', data: { answer: 'temporary', source: 'user_action', expires_at: '2026-03-09T03:00:00.000Z' } }),
      message({ type: 'call_permission_reply', direction: 'in', body: 'Declined', data: { answer: 'deny', source: 'automatic' } }),
      message({ type: 'call_permission_request_closed', direction: 'system', body: 'x', data: { reason: 'expired' } }),
    ], jakarta, t).filter((i) => i.kind !== 'day');
    expect(items[0]).toMatchObject({ kind: 'invite', text: 'May we call you?', note: 'Call invitation · expires 5 Mar 2026, 10:00' });
    expect(items[1]).toMatchObject({ kind: 'event', text: 'The customer allowed calls until 9 Mar 2026, 10:00', tone: 'ok' });
    expect(items[2]).toMatchObject({ kind: 'event', text: 'Call permission withdrawn after unanswered calls', tone: 'missed' });
    expect(items[3]).toMatchObject({ kind: 'event', text: 'The call invitation expired without a reply' });
  });
});

describe('room list preview', () => {
  it('says what the newest message says, in the user language', async () => {
    const { messagePreview } = await import('./timeline.js');
    const { createTranslate } = await import('../i18n/translate.js');
    const call = message({ type: 'call', direction: 'system', body: 'Call declined', data: { result: 'rejected', direction: 'outbound' } });
    expect(messagePreview(call, jakarta, createTranslate('id'))).toBe('Pelanggan menolak panggilan');
    expect(messagePreview(message({ body: 'Halo' }), jakarta, t)).toBe('Halo');
  });
});
