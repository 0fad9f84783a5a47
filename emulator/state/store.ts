import { digitsOf } from '../phone.js';
import type { BusinessNumber, ChaosSettings, EmuCall, MessageRecord, PairState, SimUser, SystemNotice } from './types.js';

/** The emulator's in-memory world: business numbers, simulated users, calls, pairs, messages. */
export interface Store {
  numbers: Map<string, BusinessNumber>;
  users: Map<string, SimUser>;
  calls: Map<string, EmuCall>;
  pairs: Map<string, PairState>;
  messages: MessageRecord[];
  notices: SystemNotice[];
  globalChaos: ChaosSettings;
}

export function createStore(): Store {
  return { numbers: new Map(), users: new Map(), calls: new Map(), pairs: new Map(), messages: [], notices: [], globalChaos: {} };
}

export function resetStore(store: Store): void {
  store.numbers.clear();
  store.users.clear();
  store.calls.clear();
  store.pairs.clear();
  store.messages.length = 0;
  store.notices.length = 0;
  store.globalChaos = {};
}

/** Finds a business number by phone_number_id or by display number (any formatting). */
export function findNumber(store: Store, ref: string): BusinessNumber | undefined {
  const direct = store.numbers.get(ref);
  if (direct) return direct;
  const digits = digitsOf(ref);
  if (!digits) return undefined;
  for (const n of store.numbers.values()) if (digitsOf(n.displayPhoneNumber) === digits) return n;
  return undefined;
}

export function ensureUser(store: Store, waIdOrPhone: string, name?: string): SimUser {
  const waId = digitsOf(waIdOrPhone);
  let user = store.users.get(waId);
  if (!user) {
    user = { waId, name: name ?? `Customer ${waId.slice(-4)}`, policy: { mode: 'manual' }, audio: { kind: 'tone', frequencyHz: 440 } };
    store.users.set(waId, user);
  } else if (name) {
    user.name = name;
  }
  return user;
}

export function pairOf(store: Store, phoneNumberId: string, userWaId: string): PairState {
  const key = `${phoneNumberId}:${userWaId}`;
  let pair = store.pairs.get(key);
  if (!pair) {
    pair = { phoneNumberId, userWaId, permission: { kind: 'none' }, cprSentAt: [], requests: [], bicConnectedAt: [], consecutiveMisses: 0 };
    store.pairs.set(key, pair);
  }
  return pair;
}

export const isActive = (call: EmuCall): boolean => call.state !== 'ended';

export function activeCallBetween(store: Store, phoneNumberId: string, userWaId: string): EmuCall | undefined {
  for (const call of store.calls.values()) {
    if (isActive(call) && call.phoneNumberId === phoneNumberId && call.userWaId === userWaId) return call;
  }
  return undefined;
}

export function effectiveChaos(store: Store, number: BusinessNumber): ChaosSettings {
  return { ...store.globalChaos, ...number.chaos };
}
