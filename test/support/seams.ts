import type { Seams } from '../../src/app/seams.js';

interface Hold {
  name: string;
  match: (ctx: Record<string, unknown>) => boolean;
  reached: Promise<Record<string, unknown>>;
  arrive: (ctx: Record<string, unknown>) => void;
  gate: Promise<void>;
  open: () => void;
  used: boolean;
}

/** Test seams: `hold(name, match)` stops the next operation that reaches the point until `release()`. */
export function createSeams() {
  const holds: Hold[] = [];
  const seams: Seams = {
    async hit(name, ctx) {
      const h = holds.find((x) => !x.used && x.name === name && x.match(ctx));
      if (!h) return;
      h.used = true;
      h.arrive(ctx);
      await h.gate;
    },
  };
  return {
    seams,
    hold(name: string, match: (ctx: Record<string, unknown>) => boolean = () => true) {
      let arrive!: (ctx: Record<string, unknown>) => void;
      let open!: () => void;
      const h: Hold = {
        name, match, used: false,
        reached: new Promise((r) => (arrive = r)),
        arrive: (c) => arrive(c),
        gate: new Promise((r) => (open = r)),
        open: () => open(),
      };
      holds.push(h);
      return { reached: h.reached, release: () => h.open() };
    },
  };
}
