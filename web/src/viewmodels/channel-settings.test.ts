import { describe, expect, it } from 'vitest';
import { createTranslate } from '../i18n/translate.js';
import { t } from '../testing/fixtures.js';
import { channelSummary, healthView, missingPrerequisites, needsVoiceCalling, targetDraft, targetFromDraft } from './channel-settings.js';

const fmt = (iso: string) => iso.slice(0, 10);

describe('channel settings', () => {
  it('explains CALLING_PREREQUISITES_MISSING by what is missing', () => {
    expect(missingPrerequisites({ missing: ['voice_rates'] }, t)).toEqual(['per-minute voice rates (at least one)']);
    expect(missingPrerequisites({ missing: ['voice_rates', 'voice_balance'] }, createTranslate('id'))).toEqual([
      'tarif suara per menit (paling sedikit satu)', 'saldo suara (lakukan isi ulang pertama)',
    ]);
    // Without details both are named.
    expect(missingPrerequisites(null, t)).toHaveLength(2);
  });

  it('greys out switches that need voice calling', () => {
    expect(needsVoiceCalling('inbound_enabled')).toBe(true);
    expect(needsVoiceCalling('voice_calling_enabled')).toBe(false);
    expect(needsVoiceCalling('disposition_mandatory')).toBe(false);
  });

  it('shows answer rates in %, a low-rate warning, and restrictions with their expiry', () => {
    const h = healthView({
      answer_rate_7d: 0.35, answer_rate_30d: 0.812, calls_7d: { received: 20, answered: 7, rate: 0.35 }, calls_30d: { received: 80, answered: 65, rate: 0.812 },
      restrictions: [{ type: 'RESTRICTED_BIZ_INITIATED_CALLING', expiration: '2026-12-01T00:00:00Z', reported_at: '2026-11-20T00:00:00Z', active: true }],
      violations: [{ type: 'SPAM', reported_at: '2026-11-19T00:00:00Z' }],
    }, fmt, t);
    expect(h).toEqual({
      rate7: '35%', rate30: '81.2%', calls7: '7 of 20 calls', calls30: '65 of 80 calls', low: true,
      restrictions: [{ type: 'RESTRICTED_BIZ_INITIATED_CALLING', until: '2026-12-01', active: true }],
      violations: [{ type: 'SPAM', at: '2026-11-19' }],
    });
    expect(healthView({}, fmt, t)).toMatchObject({ rate7: '—', rate30: '—', low: false, restrictions: [], violations: [] });
    // Few calls: no warning yet.
    expect(healthView({ answer_rate_7d: 0.2, calls_7d: { received: 3, answered: 1, rate: 0.33 } }, fmt, t).low).toBe(false);
  });

  it('edits the incoming route and checks it before saving', () => {
    expect(targetDraft({ type: 'agent_groups', agent_group_ids: ['g1'] })).toMatchObject({ type: 'agent_groups', agentGroupIds: ['g1'] });
    expect(targetFromDraft({ ...targetDraft(null), type: 'agent_groups' })).toEqual({ ok: false, error: 'channel.target.error.groups' });
    expect(targetFromDraft({ ...targetDraft(null), type: 'ring_group', ringGroupId: 'r1' })).toEqual({ ok: true, value: { type: 'ring_group', ring_group_id: 'r1' } });
    expect(targetFromDraft({ ...targetDraft(null), type: 'ai_agent', url: 'ftp://x' })).toEqual({ ok: false, error: 'channel.target.error.url' });
    expect(targetFromDraft({ ...targetDraft(null), type: 'ai_agent', url: ' https://bot.example/call ' })).toEqual({ ok: true, value: { type: 'ai_agent', url: 'https://bot.example/call' } });
    expect(targetFromDraft({ ...targetDraft(null), type: 'flow', flowId: 'nope' })).toEqual({ ok: false, error: 'channel.target.error.flow' });
    expect(targetFromDraft(targetDraft(null))).toEqual({ ok: true, value: null });
  });

  it('sums up what is on', () => {
    expect(channelSummary({ voice_calling_enabled: false, inbound_enabled: true, outbound_enabled: true }, t)).toBe('Calls off');
    expect(channelSummary({ voice_calling_enabled: true, inbound_enabled: true, outbound_enabled: false }, t)).toBe('Incoming');
  });
});
