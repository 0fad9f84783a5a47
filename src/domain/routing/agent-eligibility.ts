import type { AgentSnapshot } from './agent-snapshot.js';

/** Can be offered a call: `available`, signed in, a member of the channel, not on or ringing for a call. */
export function isEligibleAgent(agent: AgentSnapshot): boolean {
  return agent.status === 'available' && agent.signedIn && agent.channelMember && !agent.onCall && !agent.ringing;
}

/**
 * Ring-to-all with `ring_regardless_of_status`: any signed-in channel member not on a call, whatever their
 * presence status (`busy` means on a call or ringing, so it stays out).
 */
export function isRingRegardlessCandidate(agent: AgentSnapshot): boolean {
  return agent.signedIn && agent.channelMember && !agent.onCall && !agent.ringing && agent.status !== 'busy';
}
