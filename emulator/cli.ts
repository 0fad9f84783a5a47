import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * `npm run emulator -- <command>`: plays WhatsApp customers against a running emulator through
 * its control API (default http://localhost:3001, `--url` to change), or `serve` to start one.
 */
const HELP = `Usage: npm run emulator -- <command> [options]   (--url http://localhost:3001)

  serve [--port 3001] [--host 127.0.0.1] [--clock real|manual] [--no-demo] [--webhook-url URL]
  call --from +6281234567890 --to <phone_number_id|display number> [--tone 440 | --silence | --file x.ogg] [--name N]
  message --from <user> --to <business> --text "Hello"
  hangup <call|last>          answer <call|last>          decline <call|last>
  dtmf <call|last> <digits>
  grant --from <user> --to <business> [--permanent] [--profile]
  deny --from <user> --to <business>          revoke --from <user> --to <business>
  policy --user <user> (--answer-after MS | --decline-after MS | --ignore | --manual)
  calls [--active]            call-info <call|last>       audio <call|last> [--tones 1000,440]
  clock [get | advance 24h | set 2026-01-01T00:00:00Z]
  state                       webhooks [--limit 20]       messages [--limit 20]
  chaos [--number ID] [--duplicate] [--reorder] [--delay-ms N] [--off]
  reset [--phone-numbers]`;

type Print = (line: string) => void;

export class CliError extends Error {}

/** "24h", "90s", "7d", "15m", "1500ms" or plain milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new CliError(`Not a duration: ${text} (use e.g. 90s, 15m, 24h, 7d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Math.round(Number(m[1]) * unit);
}

interface CallLike {
  id: string;
  direction: string;
  state: string;
  user_wa_id: string;
  phone_number_id: string;
  end_status: string | null;
  end_reason: string | null;
  duration_s: number | null;
  created_at: string;
  violations: { type: string }[];
}

const describeCall = (c: CallLike) =>
  `${c.id}  ${c.direction === 'USER_INITIATED' ? 'user→biz' : 'biz→user'}  +${c.user_wa_id}  ${c.state}` +
  (c.end_status ? ` (${c.end_status}, ${c.end_reason})` : '') +
  (c.duration_s !== null ? `  ${c.duration_s}s` : '') +
  (c.violations.length ? `  violations: ${c.violations.map((v) => v.type).join(',')}` : '');

export async function runCli(argv: string[], print: Print = (l) => console.log(l)): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.EMULATOR_URL ?? 'http://localhost:3001' },
      from: { type: 'string' },
      to: { type: 'string' },
      text: { type: 'string' },
      tone: { type: 'string' },
      silence: { type: 'boolean' },
      file: { type: 'string' },
      name: { type: 'string' },
      permanent: { type: 'boolean' },
      profile: { type: 'boolean' },
      user: { type: 'string' },
      'answer-after': { type: 'string' },
      'decline-after': { type: 'string' },
      ignore: { type: 'boolean' },
      manual: { type: 'boolean' },
      active: { type: 'boolean' },
      tones: { type: 'string' },
      limit: { type: 'string' },
      number: { type: 'string' },
      duplicate: { type: 'boolean' },
      reorder: { type: 'boolean' },
      'delay-ms': { type: 'string' },
      off: { type: 'boolean' },
      'phone-numbers': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      clock: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'webhook-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  const base = values.url!.replace(/\/$/, '');

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}/control${path}`, {
        method,
        ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new CliError(`Cannot reach the emulator at ${base} (start it with: npm run emulator -- serve)`);
    }
    const json = (await res.json()) as T & { error?: { code: string; message: string } };
    if (!res.ok) throw new CliError(`${res.status} ${json.error?.code ?? ''}: ${json.error?.message ?? JSON.stringify(json)}`);
    return json;
  }
  const need = (name: 'from' | 'to' | 'text' | 'user') => {
    const v = values[name];
    if (!v) throw new CliError(`--${name} is required`);
    return v;
  };
  async function callRef(ref: string | undefined): Promise<string> {
    if (!ref) throw new CliError('Give a call id (wacid.…) or "last"');
    if (ref !== 'last') return ref;
    const calls = await api<CallLike[]>('GET', '/calls');
    const last = calls.filter((c) => c.state !== 'ended').at(-1) ?? calls.at(-1);
    if (!last) throw new CliError('There are no calls');
    return last.id;
  }

  switch (command) {
    case undefined:
    case 'help':
      print(HELP);
      return;
    case 'serve': {
      if (values.port) process.env.EMULATOR_PORT = values.port;
      if (values.host) process.env.EMULATOR_HOST = values.host;
      if (values.clock) process.env.EMULATOR_CLOCK = values.clock;
      if (values['no-demo']) process.env.EMULATOR_DEMO = '0';
      if (values['webhook-url']) process.env.EMULATOR_DEMO_WEBHOOK_URL = values['webhook-url'];
      const { startFromEnv } = await import('./main.js');
      const emu = await startFromEnv();
      print(`Emulator listening on ${emu.url}  (Graph base ${emu.graphBaseUrl}; Ctrl-C to stop)`);
      await new Promise<void>((done) => {
        const stop = () => void emu.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return;
    }
    case 'call': {
      const audio = values.silence ? { kind: 'silence' } : values.file ? { kind: 'file', path: resolve(values.file) } : { kind: 'tone', frequency_hz: Number(values.tone ?? 440) };
      const call = await api<CallLike>('POST', '/calls', { from: need('from'), to: need('to'), audio, ...(values.name ? { name: values.name } : {}) });
      print(`Calling: ${describeCall(call)}`);
      return;
    }
    case 'message': {
      const r = await api<{ message_id: string }>('POST', '/messages', { from: need('from'), to: need('to'), text: need('text') });
      print(`Sent ${r.message_id}`);
      return;
    }
    case 'hangup':
    case 'answer':
    case 'decline': {
      const call = await api<CallLike>('POST', `/calls/${await callRef(args[0])}/${command}`);
      print(describeCall(call));
      return;
    }
    case 'dtmf': {
      const id = await callRef(args[0]);
      if (!args[1]) throw new CliError('Give the digits to send, e.g. dtmf last 123#');
      const r = await api<{ queued: string }>('POST', `/calls/${id}/dtmf`, { digits: args[1] });
      print(`Sending DTMF ${r.queued} on ${id}`);
      return;
    }
    case 'grant':
    case 'deny':
    case 'revoke': {
      const body = {
        from: need('from'),
        to: need('to'),
        ...(command === 'grant' ? { permanent: values.permanent ?? false, ...(values.profile ? { via: 'profile' } : {}) } : {}),
      };
      const r = await api<{ message_id: string; context_id: string | null; permission: { status: string; expiresAt?: number } }>('POST', `/permissions/${command}`, body);
      print(`${command}: permission now ${r.permission.status}${r.permission.expiresAt ? ` until ${new Date(r.permission.expiresAt).toISOString()}` : ''} (reply ${r.message_id}${r.context_id ? `, to request ${r.context_id}` : ''})`);
      return;
    }
    case 'policy': {
      const user = need('user');
      const policy = values['answer-after'] !== undefined
        ? { mode: 'answer', after_ms: parseDuration(values['answer-after']) }
        : values['decline-after'] !== undefined
          ? { mode: 'decline', after_ms: parseDuration(values['decline-after']) }
          : values.ignore
            ? { mode: 'ignore' }
            : { mode: 'manual' };
      const r = await api<{ wa_id: string; policy: { mode: string; after_ms?: number } }>('PUT', `/users/${encodeURIComponent(user)}/policy`, policy);
      print(`+${r.wa_id} answers business calls: ${r.policy.mode}${r.policy.after_ms !== undefined ? ` after ${r.policy.after_ms} ms` : ''}`);
      return;
    }
    case 'calls': {
      const calls = await api<CallLike[]>('GET', `/calls${values.active ? '?active=true' : ''}`);
      if (calls.length === 0) print('No calls');
      for (const c of calls) print(describeCall(c));
      return;
    }
    case 'call-info':
    case 'audio': {
      const id = await callRef(args[0]);
      const path = command === 'audio' ? `/calls/${id}/audio${values.tones ? `?tones=${values.tones}` : ''}` : `/calls/${id}`;
      print(JSON.stringify(await api('GET', path), null, 2));
      return;
    }
    case 'clock': {
      const [sub, arg] = args;
      const r =
        sub === 'advance'
          ? await api<{ now: string }>('POST', '/clock/advance', { ms: parseDuration(arg ?? '') })
          : sub === 'set'
            ? await api<{ now: string }>('POST', '/clock/set', { time: arg })
            : await api<{ now: string }>('GET', '/clock');
      print(`Emulator clock: ${r.now}`);
      return;
    }
    case 'state':
    case 'webhooks':
    case 'messages': {
      const path = command === 'state' ? '/state' : `/${command}${values.limit ? `?limit=${values.limit}` : '?limit=20'}`;
      print(JSON.stringify(await api('GET', path), null, 2));
      return;
    }
    case 'chaos': {
      const path = values.number ? `/phone-numbers/${values.number}/chaos` : '/chaos';
      const body = values.off ? {} : { ...(values.duplicate ? { duplicate: true } : {}), ...(values.reorder ? { reorder: true } : {}), ...(values['delay-ms'] ? { delay_ms: Number(values['delay-ms']) } : {}) };
      print(`Chaos ${values.number ?? 'global'}: ${JSON.stringify(await api('PUT', path, body))}`);
      return;
    }
    case 'reset':
      await api('POST', '/reset', values['phone-numbers'] ? { phone_numbers: true } : {});
      print('Emulator reset');
      return;
    default:
      throw new CliError(`Unknown command "${command}"\n\n${HELP}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof CliError ? error.message : error);
    process.exitCode = 1;
  });
}
