/**
 * Polls a condition on real media until it holds (audio takes the time it takes; there is no clock to advance).
 * Rejects with `what` after `timeoutMs`.
 */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
