/**
 * Business calls whose `connect` is on its way to the provider. Meta may deliver the call's first webhooks
 * (RINGING, the answer) before its HTTP answer gives us the call id; a webhook for a call we do not know yet
 * waits for the channel's connects in flight, then looks again. (On another instance the webhook fails and
 * the stored-event sweep applies it again later.)
 */
export function createPendingConnects() {
  const byChannel = new Map<string, Set<Promise<unknown>>>();
  return {
    track(channelId: string, work: Promise<unknown>): void {
      const set = byChannel.get(channelId) ?? new Set<Promise<unknown>>();
      byChannel.set(channelId, set);
      set.add(work);
      work
        .finally(() => {
          set.delete(work);
          if (set.size === 0 && byChannel.get(channelId) === set) byChannel.delete(channelId);
        })
        .catch(() => undefined);
    },
    async settle(channelId: string): Promise<void> {
      const set = byChannel.get(channelId);
      if (set) await Promise.allSettled([...set]);
    },
  };
}

export type PendingConnects = ReturnType<typeof createPendingConnects>;
