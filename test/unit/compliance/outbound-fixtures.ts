import { initialPermissionState, type PermissionState } from '../../../src/domain/permissions/index.js';
import { emptyNumberLists, type OutboundFacts } from '../../../src/domain/compliance/index.js';

export const now = new Date('2026-03-02T08:00:00.000Z');
export const customer = '+6281234567890';

export const granted: PermissionState = {
  ...initialPermissionState(), status: 'temporary', decidedAt: '2026-03-01T08:00:00.000Z', expiresAt: '2026-03-08T08:00:00.000Z',
  source: 'user_action',
};

export function outboundFacts(over: Partial<OutboundFacts> = {}): OutboundFacts & { agentOnCall: boolean } {
  return {
    now,
    channel: { type: 'whatsapp', voiceCallingEnabled: true, outboundEnabled: true, businessNumber: '+622150000001' },
    destinationNumber: customer,
    permission: granted,
    allowedDestinationCountries: [],
    numberLists: emptyNumberLists,
    balance: { currency: 'IDR', amountMinor: 100_000 },
    rateTable: { currency: 'IDR', rows: [{ country: 'ID', perMinuteMinor: 1_000 }] },
    agentOnCall: false,
    ...over,
  };
}
