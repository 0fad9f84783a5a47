import { describe, expect, it } from 'vitest';
import { replyText } from '../../../src/app/permissions/apply-permission-reply.js';
import { countsAsUnanswered } from '../../../src/app/permissions/permission-call-hooks.js';

describe('call permission answers as the room shows them', () => {
  it('says Accepted or Declined, permanent or temporary (until when), and who decided', () => {
    expect(replyText('permanent', 'user_action', null)).toBe('Accepted (permanent)');
    expect(replyText('temporary', 'user_action', new Date('2026-03-09T03:00:00Z'))).toBe('Accepted (temporary, until 2026-03-09T03:00:00.000Z)');
    expect(replyText('temporary', 'automatic', new Date('2026-03-09T03:00:00Z'))).toMatch(/^Accepted \(temporary, until .*\): granted automatically after the customer's call$/);
    expect(replyText('deny', 'user_action', null)).toBe('Declined');
    expect(replyText('deny', 'automatic', null)).toMatch(/^Declined: call permission revoked automatically/);
  });
});

describe('which business calls count toward the unanswered streak', () => {
  const call = (result: string, endReason: string, direction: 'inbound' | 'outbound' = 'outbound') => ({ direction, result: result as never, end_reason: endReason });
  it('declined, rung out (ours or WhatsApp\'s timeout) count; cancelled by the agent, failed, answered and inbound calls do not', () => {
    expect(countsAsUnanswered(call('rejected', 'declined'))).toBe(true);
    expect(countsAsUnanswered(call('unanswered', 'ring_timeout'))).toBe(true);
    expect(countsAsUnanswered(call('unanswered', 'not_answered'))).toBe(true);
    expect(countsAsUnanswered(call('unanswered', 'cancelled_by_agent'))).toBe(false);
    expect(countsAsUnanswered(call('failed', 'provider_refused'))).toBe(false);
    expect(countsAsUnanswered(call('answered', 'completed'))).toBe(false);
    expect(countsAsUnanswered(call('unanswered', 'ring_timeout', 'inbound'))).toBe(false);
  });
});
