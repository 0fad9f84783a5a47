/** The logging port (a subset of pino's API, so a pino logger can be passed in). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** One JSON line per entry on stderr; callers never pass tokens, secrets or SDP bodies. */
export function consoleLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = ['debug', 'info', 'warn', 'error'];
  const make = (name: string) => (obj: object, msg?: string) => {
    if (order.indexOf(name) < order.indexOf(level)) return;
    console.error(JSON.stringify({ level: name, time: new Date().toISOString(), name: 'emulator', msg, ...obj }));
  };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}
