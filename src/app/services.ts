import type { AuthService } from './auth/auth-service.js';
import type { CallCommands } from './calls/call-commands.js';
import type { CallEngine } from './calls/call-engine.js';
import type { CallQueries } from './calls/call-queries.js';
import type { ProviderCallEvents } from './calls/provider-call-events.js';
import type { ConversationsService } from './conversations/conversations-service.js';
import type { ProviderEventsService } from './webhooks/provider-events-service.js';
import type { PresenceService } from './presence/presence-service.js';
import type { UsersService } from './users/users-service.js';
import type { AgentGroupsService } from './agent-groups/agent-groups-service.js';
import type { BillingService } from './billing/billing-service.js';
import type { ChannelsService } from './channels/channels-service.js';
import type { ComplianceService } from './compliance/compliance-service.js';
import type { ContactsService } from './contacts/contacts-service.js';
import type { PauseReasonsService } from './pause-reasons/pause-reasons-service.js';
import type { RingGroupsService } from './ring-groups/ring-groups-service.js';
import type { SettingsService } from './settings/settings-service.js';
import type { PermissionService } from './permissions/permission-service.js';
import type { OutboundCalls } from './outbound/place-outbound-call.js';
import type { ReportsService } from './reports/reports-service.js';
import type { BusinessRecordsService } from './business-records/business-records-service.js';
import type { DispositionsService } from './business-records/dispositions-service.js';
import type { TagsService } from './business-records/tags-service.js';
import type { CannedAnswersService } from './canned-answers/canned-answers-service.js';
import type { PromptsService } from './prompts/prompts-service.js';
import type { Supervision } from './supervision/supervision-scope.js';
import type { Actor } from './actor.js';

/** Every use-case group the HTTP and WebSocket edges call. Built once by the composition root. */
export interface Services {
  /** Whom a supervisor supervises (their agent groups; everyone when they are in none). */
  supervision: (actor: Actor) => Promise<Supervision>;
  auth: AuthService;
  users: UsersService;
  presence: PresenceService;
  agentGroups: AgentGroupsService;
  channels: ChannelsService;
  ringGroups: RingGroupsService;
  contacts: ContactsService;
  settings: SettingsService;
  pauseReasons: PauseReasonsService;
  billing: BillingService;
  compliance: ComplianceService;
  conversations: ConversationsService;
  calls: CallEngine;
  callCommands: CallCommands;
  callQueries: CallQueries;
  providerCalls: ProviderCallEvents;
  providerEvents: ProviderEventsService;
  permissions: PermissionService;
  outboundCalls: OutboundCalls;
  reports: ReportsService;
  tags: TagsService;
  dispositions: DispositionsService;
  businessRecords: BusinessRecordsService;
  cannedAnswers: CannedAnswersService;
  prompts: PromptsService;
}
