import type { Services } from '../../app/services.js';
import type { AnyRoute } from '../route.js';
import { authRoutes } from './auth.js';
import { callRoutes } from './calls.js';
import { conversationRoutes } from './conversations.js';
import { presenceRoutes } from './presence.js';
import { userRoutes } from './users.js';
import { agentGroupRoutes } from './agent-groups.js';
import { billingRoutes } from './billing.js';
import { channelRoutes } from './channels.js';
import { complianceRoutes } from './compliance.js';
import { contactRoutes } from './contacts.js';
import { pauseReasonRoutes } from './pause-reasons.js';
import { ringGroupRoutes } from './ring-groups.js';
import { settingsRoutes } from './settings.js';
import { webConfigRoutes, type WebConfig } from './web-config.js';
import { permissionRoutes } from './permissions.js';
import { outboundRoutes } from './outbound.js';
import { reportRoutes } from './reports.js';
import { tagRoutes } from './tags.js';
import { dispositionRoutes } from './dispositions.js';
import { businessRecordRoutes } from './business-records.js';
import { cannedAnswerRoutes } from './canned-answers.js';
import { promptRoutes } from './prompts.js';

export interface RouteOptions {
  cookieSecure: boolean;
  webConfig: WebConfig;
}

/** Every API route of the server, in one list (the OpenAPI document is built from it). */
export function allRoutes(s: Services, opts: RouteOptions): AnyRoute[] {
  return [
    ...authRoutes(s, opts), ...userRoutes(s), ...presenceRoutes(s),
    ...agentGroupRoutes(s), ...channelRoutes(s), ...ringGroupRoutes(s), ...contactRoutes(s),
    ...settingsRoutes(s), ...pauseReasonRoutes(s), ...billingRoutes(s), ...complianceRoutes(s),
    ...conversationRoutes(s), ...callRoutes(s), ...webConfigRoutes(() => opts.webConfig),
    ...permissionRoutes(s), ...outboundRoutes(s),
    ...reportRoutes(s),
    ...tagRoutes(s), ...dispositionRoutes(s), ...businessRecordRoutes(s), ...cannedAnswerRoutes(s), ...promptRoutes(s),
  ];
}
