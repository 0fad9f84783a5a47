import type { QueueStrategy } from './queue-strategy.js';

export interface AgentGroupTarget {
  agentGroupId: string;
  strategy: QueueStrategy;
  /** Member order, used by round_robin and to break ties. */
  memberIds: string[];
  /** round_robin only: the member offered last. */
  pointer: string | null;
}

/** The channel's incoming-management target (SPEC §2/§4 step 4). */
export type ChannelTarget =
  | { kind: 'agent_groups'; groups: AgentGroupTarget[] }
  | { kind: 'flow'; flowId: string }
  | { kind: 'ai_agent'; url: string };
