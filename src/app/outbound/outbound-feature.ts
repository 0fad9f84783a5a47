import type { BillingService } from '../billing/billing-service.js';
import { createCallCharges } from '../billing/call-charges.js';
import type { CallEngine } from '../calls/call-engine.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { CoreDeps } from '../deps.js';
import { PERMISSION_EXPIRY_TIMER } from '../permissions/permission-row.js';
import { createPermissionService } from '../permissions/permission-service.js';
import type { MediaPort } from '../ports/media.js';
import type { CallProvider, MessageSender } from '../ports/provider.js';
import type { ProviderEventsService } from '../webhooks/provider-events-service.js';
import { createOutboundCallEvents } from './outbound-call-events.js';
import { createPendingConnects } from './pending-connects.js';
import { createOutboundCalls } from './place-outbound-call.js';
import { createOutboundAgentRelease } from './release-unanswered-agent.js';

/**
 * Business-initiated calling, attached to the rest of the server: call permissions (invites, replies,
 * expiry, room resolution), placing calls, the provider's events for them, billing and the balance
 * cut-off, and freeing the agent of an unanswered call. Returns the services the HTTP edge calls.
 */
export function createOutboundFeature(deps: CoreDeps & {
  engine: CallEngine; provider: CallProvider | null; messages: MessageSender | null; media: MediaPort | null;
  conversations: ConversationsService; providerEvents: ProviderEventsService; billing: BillingService;
}) {
  const { engine, db } = deps;
  const pending = createPendingConnects();
  const permissions = createPermissionService(deps);
  const calls = createOutboundCalls({ ...deps, pending });
  const callEvents = createOutboundCallEvents({ ...deps, pending });
  const charges = createCallCharges(deps);
  const release = createOutboundAgentRelease(deps);

  engine.hooks.onConnected.push(permissions.callHooks.onConnected, charges.onConnected);
  engine.hooks.endedColumns.push(charges.endedColumns);
  engine.hooks.onEnded.push(release.onEnded, charges.onEnded, permissions.callHooks.onEnded);
  engine.hooks.afterEnded.push(release.afterEnded, permissions.callHooks.afterEnded);
  deps.providerEvents.handlers.permissionReply = permissions.applyProviderReply;
  deps.providerEvents.handlers.outboundConnect = callEvents.onConnect;
  deps.providerEvents.handlers.callStatus = callEvents.onStatus;
  deps.conversations.onResolved = async (tenantId, room) => {
    await permissions.onRoomResolved(tenantId, room);
  };
  deps.billing.afterTopUp = (tenantId) => db.transaction().execute((tx) => charges.rescheduleCutoffs(tx, tenantId));
  deps.scheduler.register(PERMISSION_EXPIRY_TIMER, async (t) => {
    await permissions.expireDue({ tenantId: t.tenantId!, channelId: String(t.payload.channel_id), contactId: String(t.payload.contact_id) });
  });

  return { permissions, calls };
}
