import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine.js';
import { businessSendsMessage } from '../messages.js';
import { digitsOf, restrictedCountryOf } from '../phone.js';
import { callPermissionsBody } from '../rules/permission-rules.js';
import { pairOf } from '../state/store.js';
import type { BusinessNumber } from '../state/types.js';
import { settingsUpdate } from '../webhooks/envelope.js';
import { handleCallsRequest } from './calls-endpoint.js';
import { GraphError, graphErrors, invalidParameter } from './graph-error.js';
import { messageBody, parseGraph, settingsBody } from './graph-schemas.js';

/** Meta's Graph paths under `/vNN.N/` (any version). */
type GraphRequest = FastifyRequest<{ Params: { version: string; phoneNumberId: string }; Querystring: Record<string, string | undefined> }>;

function bearerToken(req: GraphRequest): string | undefined {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return m?.[1]?.trim() ?? req.query.access_token;
}

/** Checks version, token and number like Graph: missing token 190, unknown object 100/33, wrong token 190. */
function authorize(engine: Engine, req: GraphRequest): BusinessNumber {
  const { version, phoneNumberId } = req.params;
  if (!/^v\d+\.\d+$/.test(version)) throw graphErrors.unknownPath(version);
  const token = bearerToken(req);
  if (!token) throw new GraphError(401, 190, 'An active access token must be used to query information about the current user.');
  const number = engine.store.numbers.get(phoneNumberId);
  if (!number) throw graphErrors.unknownObject(phoneNumberId);
  if (token !== number.accessToken) throw graphErrors.invalidToken();
  return number;
}

export function registerGraphRoutes(app: FastifyInstance, engine: Engine): void {
  app.post('/:version/:phoneNumberId/calls', async (req: GraphRequest) => {
    const number = authorize(engine, req);
    return handleCallsRequest(engine, number, req.body);
  });

  app.post('/:version/:phoneNumberId/messages', async (req: GraphRequest) => {
    const number = authorize(engine, req);
    return businessSendsMessage(engine, number, parseGraph(messageBody, req.body));
  });

  app.get('/:version/:phoneNumberId/call_permissions', async (req: GraphRequest) => {
    const number = authorize(engine, req);
    const user = req.query.user_wa_id ?? req.query.recipient;
    if (!user || !digitsOf(user)) throw invalidParameter('user_wa_id: the user phone number is required');
    const pair = pairOf(engine.store, number.phoneNumberId, digitsOf(user));
    return callPermissionsBody(pair, engine.clock.now(), {
      connectedCallLimit: number.connectedCallLimit,
      bicAllowed: restrictedCountryOf(number.displayPhoneNumber) === undefined,
    });
  });

  app.get('/:version/:phoneNumberId/settings', async (req: GraphRequest) => {
    const number = authorize(engine, req);
    return { calling: number.calling };
  });

  app.post('/:version/:phoneNumberId/settings', async (req: GraphRequest) => {
    const number = authorize(engine, req);
    const body = parseGraph(settingsBody, req.body);
    number.calling = body.calling;
    engine.webhooks.send(number, settingsUpdate(number));
    return { success: true };
  });
}
