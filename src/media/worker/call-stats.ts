import type { CallerSource, CallMediaStats } from '../bridge.js';
import type { BrowserLeg, ProviderLeg } from './legs.js';

export interface CallStatsView {
  callId: string;
  workerId: number;
  provider: ProviderLeg;
  legs: Iterable<BrowserLeg>;
  agentLegId: string | null;
  source: CallerSource['kind'];
  held: boolean;
  recordings: string[];
}

const direction = (packets: number, bytes: number, last: number) => ({ packets, bytes, lastPacketAt: last >= 0 ? Math.round(last) : null });

/** A call's counters as the bridge reports them (`MediaBridge.stats`). */
export function callStats(v: CallStatsView): CallMediaStats {
  const p = v.provider;
  return {
    callId: v.callId,
    workerId: v.workerId,
    provider: {
      state: p.peer.state,
      received: { ...direction(p.inbound.packets, p.inbound.bytes, p.inbound.lastAtMs), lost: p.inbound.lost },
      sent: direction(p.out.packets, p.out.bytes, p.out.lastSentAtMs),
      source: p.started ? (v.held ? 'music' : v.source) : 'none',
      held: v.held,
    },
    legs: [...v.legs].map((l) => ({
      legId: l.id, role: l.role, state: l.peer.state, connectedToCaller: l.id === v.agentLegId, muted: l.muted,
      received: direction(l.inbound.packets, l.inbound.bytes, l.inbound.lastAtMs),
      sent: direction(l.main.packets + l.side.packets, l.main.bytes + l.side.bytes, Math.max(l.main.lastSentAtMs, l.side.lastSentAtMs)),
    })),
    recordings: [...v.recordings],
  };
}
