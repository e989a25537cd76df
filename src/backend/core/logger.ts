/**
 * Logs for go-plugin's host: one JSON object per line on stderr with `@level` and `@message`.
 * No `@timestamp`: go-plugin only accepts one with exactly six fractional digits, and Grafana adds
 * its own. Stdout is reserved for the handshake line.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const LEVEL_ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };
/** Field names whose values are never written, whatever a caller passes. */
const SECRET_KEY = /(secret|password|passwd|token|apikey|api_key|accesskey|credential|authorization|cookie)/i;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the datasource uid of an instance). */
  child(fields: LogFields): Logger;
}

export function redactFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  }
  return out;
}

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  minLevel: LogLevel = 'debug'
): Logger {
  return fieldLogger(write, minLevel, {});
}

function fieldLogger(write: (line: string) => void, minLevel: LogLevel, base: LogFields): Logger {
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) {
      return;
    }
    const entry = { ...redactFields({ ...base, ...fields }), '@level': level, '@message': message };
    write(JSON.stringify(entry, errorReplacer) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => fieldLogger(write, minLevel, { ...base, ...fields }),
  };
}

// Errors serialise to {} by default; keep their message (never their stack's argument values).
function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

export const logger: Logger = createLogger();
