import { describe, expect, it } from 'vitest';
import { deskCall, iso, T0, t } from '../testing/fixtures.js';
import { callWidgetModel, type CallWidgetOptions } from './call-widget.js';

const opts: CallWidgetOptions = { holdAutoRetrieveS: 300, autoHangupS: 0, transferAllowed: true };

describe('call widget', () => {
  it('shows "In a call" with the live HH:mm:ss duration and every in-call control', () => {
    const m = callWidgetModel(deskCall({ answeredAt: iso(T0) }), T0 + 192_400, opts, t);
    expect(m).toMatchObject({ phase: 'connected', status: 'In a call', timer: '00:03:12', title: 'Budi Santoso', tone: 'live' });
    expect(m.subtitle).toBe('+6281234567890 · Demo WhatsApp');
    expect(m.can).toEqual({ mute: true, hold: true, resume: false, transfer: true, dialpad: true, hangup: true, dismiss: false });
  });

  it('counts down to the auto-retrieve while on hold', () => {
    const m = callWidgetModel(deskCall({ status: 'on_hold', holdStartedAt: iso(T0 + 60_000) }), T0 + 60_000 + 28_000, opts, t);
    expect(m).toMatchObject({ phase: 'on_hold', status: 'On hold', holdCountdown: 'The caller comes back in 4:32', tone: 'hold' });
    expect(m.can).toMatchObject({ hold: false, resume: true, dialpad: false, hangup: true });
  });

  it('shows the auto-hang-up countdown when the tenant has one', () => {
    const m = callWidgetModel(deskCall({ answeredAt: iso(T0) }), T0 + 30_000, { ...opts, autoHangupS: 150 }, t);
    expect(m.autoHangupCountdown).toBe('Hangs up automatically in 2:00');
  });

  it('offers no transfer when the channel does not allow it', () => {
    expect(callWidgetModel(deskCall(), T0, { ...opts, transferAllowed: false }, t).can.transfer).toBe(false);
  });

  it('says "Call ended 00:03:12" after an answered call', () => {
    const m = callWidgetModel(deskCall({ status: 'ended', result: 'answered', talkSeconds: 192 }), T0 + 999_000, opts, t);
    expect(m).toMatchObject({ phase: 'ended', status: 'Call ended 00:03:12', timer: null });
    expect(m.can).toEqual({ mute: false, hold: false, resume: false, transfer: false, dialpad: false, hangup: false, dismiss: true });
  });

  it('has separate endings for unanswered and rejected business calls', () => {
    const out = deskCall({ direction: 'outbound', status: 'ended', answeredAt: null });
    expect(callWidgetModel({ ...out, result: 'unanswered' }, T0, opts, t)).toMatchObject({ status: 'Unanswered: the customer did not pick up', tone: 'failed' });
    expect(callWidgetModel({ ...out, result: 'rejected' }, T0, opts, t)).toMatchObject({ status: 'Rejected: the customer declined the call', tone: 'failed' });
  });

  it('shows calling, then ringing, for an outbound call, with only hang up', () => {
    const dialing = callWidgetModel(deskCall({ direction: 'outbound', status: 'dialing', answeredAt: null }), T0, opts, t);
    expect(dialing).toMatchObject({ phase: 'dialing', status: 'Calling…', timer: null });
    expect(dialing.can).toMatchObject({ hangup: true, mute: false, hold: false });
    expect(callWidgetModel(deskCall({ direction: 'outbound', status: 'ringing', answeredAt: null }), T0, opts, t).status).toBe('Ringing the customer…');
  });

  it('reminds the agent for a while after the call came back from hold by itself', () => {
    const call = deskCall({ retrievedAt: T0 });
    expect(callWidgetModel(call, T0 + 5_000, opts, t).holdRetrieved).toBe(true);
    expect(callWidgetModel(call, T0 + 60_000, opts, t).holdRetrieved).toBe(false);
  });

  it('says the call was transferred when it left this desk', () => {
    expect(callWidgetModel(deskCall({ status: 'ended', transferred: true }), T0, opts, t).status).toBe('Transferred');
  });
});
