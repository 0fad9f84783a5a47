import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { as, createTenant, type TestTenant } from '../../../support/fixtures.js';

let phoneSeq = 0;

/** A valid Indonesian mobile number (+62 812 …), different on every call. */
export function nextMobile(): string {
  phoneSeq += 1;
  return `+62812${String(10_000_000 + ((phoneSeq * 7919) % 90_000_000)).slice(-8)}`;
}

let pnidSeq = 0;
const runPrefix = String(crypto.randomInt(100_000_000, 999_999_999));
/** A phone_number_id no other channel in this run uses. */
export const nextPhoneNumberId = (): string => `9${runPrefix}${String(++pnidSeq).padStart(4, '0')}`;

/** A valid channel-creation body. */
export function channelBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `WA ${++pnidSeq}`,
    display_number: '+62 21 5000 0001',
    phone_number_id: nextPhoneNumberId(),
    waba_id: '200000000000001',
    access_token: 'EAAG-secret-access-token',
    app_secret: 'app-secret-value',
    verify_token: 'verify-me',
    ...overrides,
  };
}

/** One tenant with one resource of every kind, created through the API. */
export interface World {
  t: TestTenant;
  channelId: string;
  agentGroupId: string;
  ringGroupId: string;
  contactId: string;
  pauseReasonId: string;
  complianceNumberId: string;
  /** Every id of the tenant's resources, to check nothing leaks into another tenant's answers. */
  ids: string[];
}

async function created(res: { status: number; body: { id: string } }, what: string): Promise<string> {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id;
}

export async function createWorld(app: TestApp): Promise<World> {
  const t = await createTenant(app, { agents: 2 });
  const admin = as(app, t.admin);
  const channelId = await created(await admin.post('/api/channels', channelBody()), 'channel');
  const members = await admin.put(`/api/channels/${channelId}/members`, { user_ids: t.agents.map((a) => a.id) });
  expect(members.status).toBe(200);
  const agentGroupId = await created(await admin.post('/api/agent-groups', { name: 'Support', member_ids: t.agents.map((a) => a.id) }), 'agent group');
  const ringGroupId = await created(await admin.post('/api/ring-groups', { channel_id: channelId, name: 'Front desk', mode: 'round_robin', member_ids: [t.agents[0]!.id] }), 'ring group');
  const contactId = await created(await admin.post('/api/contacts', { phone_number: nextMobile(), name: 'Dewi' }), 'contact');
  const pauseReasonId = await created(await admin.post('/api/pause-reasons', { name: 'Coaching' }), 'pause reason');
  const complianceNumberId = await created(await admin.post('/api/compliance/numbers', { list: 'do_not_call', phone_number: nextMobile() }), 'compliance number');
  const ids = [t.tenantId, t.admin.id, t.supervisor.id, ...t.agents.map((a) => a.id), channelId, agentGroupId, ringGroupId, contactId, pauseReasonId, complianceNumberId];
  return { t, channelId, agentGroupId, ringGroupId, contactId, pauseReasonId, complianceNumberId, ids };
}
