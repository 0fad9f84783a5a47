import { describe, expect, it } from 'vitest';
import type { CallDetail, CallRecord } from '../api/types.js';
import { iso, summary, t, T0 } from '../testing/fixtures.js';
import { activeFilterCount, emptyFilters, filtersToQuery, recordDetailFields, recordRows } from './call-records.js';

const fmt = { timeZone: 'Asia/Jakarta', locale: 'en-GB' };

function record(over: Partial<CallRecord> = {}): CallRecord {
  return {
    ...summary({ status: 'ended', result: 'answered', contact_id: 'k1', talk_seconds: 192, wait_seconds: 7 }),
    channel_type: 'whatsapp', channel_number: '+622150000001', channel_name: 'Demo WhatsApp', contact_name: 'Budi', agent_name: 'Agus',
    agent_group_name: null, created_at: iso(T0), talk_duration: '00:03:12', wait_duration: '00:00:07', has_recording: false, recording_url: null, ...over,
  };
}

describe('call records', () => {
  it('turns the filters into the list query, in the user time zone', () => {
    const now = Date.parse('2026-11-25T03:00:00Z');
    const r = filtersToQuery({ ...emptyFilters, range: 'today', result: 'missed', direction: 'inbound', channel_type: 'whatsapp' }, now, 'Asia/Jakarta');
    expect(r).toEqual({
      ok: true,
      query: { from: '2026-11-24T17:00:00.000Z', to: '2026-11-25T17:00:00.000Z', result: 'missed', direction: 'inbound', channel_type: 'whatsapp' },
    });
  });

  it('reads a custom range and refuses one that ends before it starts', () => {
    const ok = filtersToQuery({ ...emptyFilters, range: 'custom', fromLocal: '2026-11-01T08:00', toLocal: '' }, T0, 'Asia/Jakarta');
    expect(ok).toEqual({ ok: true, query: { from: '2026-11-01T01:00:00.000Z' } });
    expect(filtersToQuery({ ...emptyFilters, range: 'custom', fromLocal: '2026-11-02T08:00', toLocal: '2026-11-01T08:00' }, T0, 'UTC'))
      .toEqual({ ok: false, error: 'records.filters.badRange' });
    expect(filtersToQuery({ ...emptyFilters, range: 'custom' }, T0, 'UTC')).toEqual({ ok: true, query: {} });
  });

  it('counts the filters besides time', () => {
    expect(activeFilterCount(emptyFilters)).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, agent_id: 'a', result: 'answered', range: 'today' })).toBe(2);
  });

  it('shows rows with HH:mm:ss durations, the recording and whether a callback is possible', () => {
    const [a, b, c] = recordRows([
      record({ has_recording: true, recording_url: '/api/calls/x/recording' }),
      record({ id: 'b', contact_id: null, contact_name: null, result: 'missed', talk_duration: null, talk_seconds: null, agent_name: null }),
      record({ id: 'c', status: 'connected', result: null, direction: 'outbound' }),
    ], fmt, t);
    expect(a).toMatchObject({ customer: 'Budi', talk: '00:03:12', wait: '00:00:07', result: 'Answered', tone: 'ok', recordingUrl: '/api/calls/x/recording', channelType: 'WhatsApp call' });
    expect(a!.callback).toEqual({ contactId: 'k1', channelId: 'ch-1', number: '+6281234567890', name: 'Budi' });
    expect(a!.when).toBe('2 Mar 2026, 10:00');
    expect(b).toMatchObject({ customer: '+6281234567890', talk: '—', result: 'Missed', tone: 'missed', agent: '—', callback: null, recordingUrl: null });
    expect(c).toMatchObject({ result: 'In progress', tone: 'live', direction: 'Outgoing', inbound: false });
  });

  it('lists every record field for the details page', () => {
    const detail = { ...record({ agent_group_name: 'Support' }), journey: [], ended_by: 'customer', hold_duration: '00:00:30', cost_minor: 2000, currency: 'IDR' } as CallDetail;
    const fields = Object.fromEntries(recordDetailFields(detail, fmt, t).map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      'records.field.channelType': 'WhatsApp call', 'records.field.group': 'Support', 'records.field.talk': '00:03:12', 'records.field.hold': '00:00:30',
      'records.field.endedBy': 'The customer', 'records.field.answered': '2 Mar 2026, 10:00',
    });
    expect(fields['records.field.cost']).toMatch(/2,000/);
  });
});
