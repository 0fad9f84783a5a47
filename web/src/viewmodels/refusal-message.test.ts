import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../src/domain/errors.js';
import { explainedCodes, refusalMessage } from './refusal-message.js';
import { t } from '../testing/fixtures.js';

const fmt = (iso: string) => `<${iso}>`;

describe('refusal messages', () => {
  it('explain every outbound and call refusal of the server in their own words', () => {
    const outboundAndCalls = ['OUTBOUND_DISABLED', 'VOICE_CALLING_DISABLED', 'NO_CALL_PERMISSION', 'NO_ACTIVE_CONVERSATION', 'PERMISSION_REQUEST_LIMIT',
      'ALREADY_PERMANENT', 'COUNTRY_NOT_SUPPORTED', 'DESTINATION_NOT_ALLOWED', 'DO_NOT_CALL', 'DENY_LISTED', 'CALL_LIMIT_REACHED', 'INSUFFICIENT_BALANCE',
      'NO_RATE_FOR_DESTINATION', 'RECIPIENT_UNCALLABLE', 'CALLING_RESTRICTED', 'DUPLICATE_CALL', 'OFFER_TAKEN', 'CALL_STATE_CHANGED', 'AGENT_BUSY',
      'TRANSFER_DISABLED', 'OUTSIDE_SERVICE_WINDOW', 'MEDIA_FAILED'];
    for (const code of outboundAndCalls) {
      expect(code in errorCatalog, code).toBe(true);
      expect(explainedCodes as readonly string[], code).toContain(code);
      const m = refusalMessage({ code, message: 'server text' }, t, fmt);
      expect(m.body, code).not.toContain('server text');
      expect(m.title.length, code).toBeGreaterThan(3);
    }
  });

  it('only explains codes the server (or the client itself) can answer', () => {
    const clientCodes = ['NETWORK_ERROR', 'DESK_OFFLINE'];
    for (const code of explainedCodes) expect(code in errorCatalog || clientCodes.includes(code), code).toBe(true);
  });

  it('says when the next invitation is allowed', () => {
    const m = refusalMessage({ code: 'PERMISSION_REQUEST_LIMIT', details: { next_allowed_at: '2026-03-03T03:00:00.000Z' } }, t, fmt);
    expect(m).toEqual({
      title: 'Invitation limit reached',
      body: 'WhatsApp allows 1 invitation a day and 2 a week per customer. The next one is possible <2026-03-03T03:00:00.000Z>.',
    });
  });

  it('names the admins to ask for a top-up when the balance is too low', () => {
    const m = refusalMessage({ code: 'INSUFFICIENT_BALANCE', details: { top_up_contacts: [{ id: '1', name: 'Ayu Admin', email: 'a@x' }, { name: 'Dewi' }] } }, t, fmt);
    expect(m.body).toBe('There is not enough voice balance to call or to invite a customer. Ask Ayu Admin, Dewi for a top-up.');
  });

  it('falls back to the server text for codes it does not know', () => {
    expect(refusalMessage({ code: 'SOMETHING_NEW', message: 'It broke.' }, t, fmt)).toEqual({ title: 'That did not work', body: 'The server said: It broke.' });
  });

  it('speaks Bahasa Indonesia too', async () => {
    const { createTranslate } = await import('../i18n/translate.js');
    expect(refusalMessage({ code: 'NO_CALL_PERMISSION' }, createTranslate('id'), fmt).title).toBe('Pelanggan belum mengizinkan panggilan');
  });
});
