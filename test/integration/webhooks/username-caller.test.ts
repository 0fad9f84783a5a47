import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World } from '../../support/world.js';
import { deliverSigned, envelopeFor } from './support.js';

let w: World;
beforeAll(async () => { w = await createWorld({ agents: 1 }); });
afterAll(async () => w?.stop());

it('a username-only caller (BSUID, phone omitted) is not filed under a contact "+"', async () => {
  const res = await deliverSigned(w, envelopeFor(w, 'calls', {
    contacts: [{ profile: { name: 'Rina', username: 'rina.k' }, user_id: 'US.134912' }],
    calls: [{ id: 'wacid.BSUID1', from_user_id: 'US.134912', to: w.channel.displayNumber.slice(1), event: 'connect', timestamp: '1772420400', direction: 'USER_INITIATED', session: { sdp_type: 'offer', sdp: 'v=0\r\n' } }],
  }));
  expect(res.status).toBe(200);
  await w.app.services.providerEvents.idle();
  const contacts = await w.app.database.db.selectFrom('contacts').select('phone_e164').where('tenant_id', '=', w.tenant.tenantId).execute();
  expect(contacts).not.toContainEqual({ phone_e164: '+' });
  expect(contacts).toContainEqual({ phone_e164: 'user:US.134912' });
});
