/**
 * `npm run bench [-- inbound|media] [options]`: runs the benchmarks and prints one JSON object per
 * line. Without a name it runs all of them with their default sizes.
 */
import { mainInbound } from './inbound.js';

async function main(argv: string[]): Promise<void> {
  const which = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'all';
  const rest = which === 'all' ? argv : argv.slice(1);
  if (which === 'inbound' || which === 'all') await mainInbound(rest);
  if (which === 'media' || which === 'all') {
    const { runMediaBench } = await import('./media.js');
    const result = await runMediaBench(parseMediaArgs(rest));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  if (!['inbound', 'media', 'all'].includes(which)) throw new Error(`unknown benchmark ${which} (inbound, media)`);
}

function parseMediaArgs(argv: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(calls|workers|seconds)$/.exec(argv[i]!);
    if (m && argv[i + 1]) out[m[1]!] = Number(argv[++i]);
  }
  return out;
}

main(process.argv.slice(2)).then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
