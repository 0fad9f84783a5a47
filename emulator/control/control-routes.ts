import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ControlApi } from './control-api.js';

/** The `/control` HTTP API: JSON in, JSON out, each route one call of the typed control API. */
type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | undefined>; Body: unknown }>;

const body = (req: Req) => (req.body ?? {}) as never;
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

export function registerControlRoutes(app: FastifyInstance, control: ControlApi): void {
  app.get('/control/health', async () => ({ ok: true }));
  app.get('/control/state', async () => control.state());
  app.post('/control/reset', async (req: Req) => control.reset(body(req)));

  app.get('/control/clock', async () => control.clock.get());
  app.post('/control/clock/advance', async (req: Req) => control.clock.advance((req.body as { ms?: number } | undefined)?.ms as number));
  app.post('/control/clock/set', async (req: Req) => control.clock.set((req.body as { time?: string | number } | undefined)?.time as string));

  app.get('/control/phone-numbers', async () => control.listPhoneNumbers());
  app.put('/control/phone-numbers/:id', async (req: Req) => control.putPhoneNumber(req.params.id!, body(req)));
  app.get('/control/phone-numbers/:id', async (req: Req) => control.getPhoneNumber(req.params.id!));
  app.delete('/control/phone-numbers/:id', async (req: Req) => control.deletePhoneNumber(req.params.id!));
  app.post('/control/phone-numbers/:id/account-update', async (req: Req) => control.accountUpdate(req.params.id!, body(req)));
  app.post('/control/phone-numbers/:id/verify-webhook', async (req: Req) => control.verifyWebhook(req.params.id!, body(req)));
  app.get('/control/phone-numbers/:id/chaos', async (req: Req) => control.getChaos(req.params.id!));
  app.put('/control/phone-numbers/:id/chaos', async (req: Req) => control.setChaos(body(req), req.params.id!));
  app.get('/control/chaos', async () => control.getChaos());
  app.put('/control/chaos', async (req: Req) => control.setChaos(body(req)));

  app.get('/control/users', async () => control.listUsers());
  app.put('/control/users/:waId', async (req: Req) => control.putUser(req.params.waId!, body(req)));
  app.get('/control/users/:waId', async (req: Req) => control.getUser(req.params.waId!));
  app.put('/control/users/:waId/policy', async (req: Req) => control.setPolicy(req.params.waId!, body(req)));
  app.put('/control/users/:waId/audio', async (req: Req) => control.setAudio(req.params.waId!, body(req)));

  app.post('/control/messages', async (req: Req) => control.sendMessage(body(req)));
  app.get('/control/messages', async (req: Req) => {
    const q = req.query;
    return control.listMessages({
      ...(q.phone_number_id ? { phone_number_id: q.phone_number_id } : {}),
      ...(q.user ? { user: q.user } : {}),
      ...(q.direction === 'inbound' || q.direction === 'outbound' ? { direction: q.direction } : {}),
      ...(num(q.limit) ? { limit: num(q.limit)! } : {}),
    });
  });

  app.post('/control/calls', async (req: Req) => control.placeCall(body(req)));
  app.get('/control/calls', async (req: Req) => {
    const q = req.query;
    return control.listCalls({
      ...(q.active === 'true' || q.active === '1' ? { active: true } : {}),
      ...(q.phone_number_id ? { phone_number_id: q.phone_number_id } : {}),
      ...(q.user ? { user: q.user } : {}),
    });
  });
  app.get('/control/calls/:id', async (req: Req) => control.getCall(req.params.id!));
  app.get('/control/calls/:id/audio', async (req: Req) => {
    const tones = (req.query.tones ?? req.query.tone)?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
    const windowMs = num(req.query.window_ms);
    return control.getAudio(req.params.id!, { ...(tones?.length ? { tones } : {}), ...(windowMs ? { window_ms: windowMs } : {}) });
  });
  app.post('/control/calls/:id/hangup', async (req: Req) => control.hangup(req.params.id!));
  app.post('/control/calls/:id/drop-media', async (req: Req) => control.dropMedia(req.params.id!));
  app.post('/control/calls/:id/answer', async (req: Req) => control.answer(req.params.id!));
  app.post('/control/calls/:id/decline', async (req: Req) => control.decline(req.params.id!));
  app.post('/control/calls/:id/dtmf', async (req: Req) => control.sendDtmf(req.params.id!, (req.body as { digits?: string } | undefined)?.digits ?? ''));

  app.post('/control/permissions/grant', async (req: Req) => control.grantPermission(body(req)));
  app.post('/control/permissions/deny', async (req: Req) => control.denyPermission(body(req)));
  app.post('/control/permissions/revoke', async (req: Req) => control.revokePermission(body(req)));
  app.get('/control/permissions', async (req: Req) =>
    control.listPermissions({
      ...(req.query.phone_number_id ? { phone_number_id: req.query.phone_number_id } : {}),
      ...(req.query.user ? { user: req.query.user } : {}),
    }),
  );
  app.get('/control/notices', async () => control.notices());
  app.get('/control/webhooks', async (req: Req) => {
    const q = req.query;
    return control.webhookLog({
      ...(q.phone_number_id ? { phone_number_id: q.phone_number_id } : {}),
      ...(q.call_id ? { call_id: q.call_id } : {}),
      ...(num(q.limit) ? { limit: num(q.limit)! } : {}),
    });
  });
}
