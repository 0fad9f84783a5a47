import type { AgentGroup, Channel, PauseReason, TenantSettings, User, WebConfig } from '../api/types.js';

/** Tenant data the desk reads often and that rarely changes: loaded once after sign-in. */
export interface ReferenceData {
  settings: TenantSettings | null;
  channels: Channel[];
  agentGroups: AgentGroup[];
  pauseReasons: PauseReason[];
  users: User[];
  config: WebConfig;
}

export const emptyReferenceData: ReferenceData = {
  settings: null, channels: [], agentGroups: [], pauseReasons: [], users: [], config: { demo: false, emulator_url: null },
};

export const DEFAULT_HOLD_RETRIEVE_S = 300;

export const channelById = (d: ReferenceData, id: string | null | undefined): Channel | null => d.channels.find((c) => c.id === id) ?? null;
export const userName = (d: ReferenceData, id: string | null | undefined): string | null => d.users.find((u) => u.id === id)?.name ?? null;
