import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Fields of a PostgreSQL error that name the failing place, never a value. */
const databaseErrorFields = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

function isDatabaseError(error: Error): boolean {
  const e = error as { severity?: unknown; sqlState?: unknown };
  return typeof e.severity === 'string' || e.sqlState !== undefined;
}

/**
 * A database error without the values it quotes. MikroORM's message starts with the statement, parameters written in
 * (a data subject's name, a search term …), and PostgreSQL's own message and detail quote values too ("invalid input
 * syntax for type uuid: "…"", "Key (email)=(…)"). What stays: PostgreSQL's message with every quoted part masked, the
 * error code, the table, column and constraint, and the stack frames.
 */
function withoutValues(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const cause = (error as { cause?: unknown }).cause;
  const copy = Object.create(Object.getPrototypeOf(error)) as Error & Record<string, unknown>;
  let message = error.message;
  let stack = error.stack;
  if (isDatabaseError(error)) {
    const statementEnd = message.lastIndexOf(' - ');
    message = (statementEnd >= 0 ? message.slice(statementEnd + 3) : message).replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '…');
    stack = [`${error.name}: ${message}`, ...(error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
    for (const field of databaseErrorFields) {
      const value = (error as unknown as Record<string, unknown>)[field];
      if (value !== undefined) copy[field] = value;
    }
  } else {
    Object.assign(copy, error);
  }
  Object.defineProperty(copy, 'name', { value: error.name, enumerable: false });
  Object.defineProperty(copy, 'message', { value: message, enumerable: false });
  Object.defineProperty(copy, 'stack', { value: stack, enumerable: false });
  if (cause !== undefined) copy.cause = withoutValues(cause, depth + 1);
  return copy;
}

/**
 * The process's logger: JSON lines to standard output (or `destination`). It must never carry personal data or
 * secrets: the request log names the method, the path (never the query string, where search terms are) and the
 * status; credentials are removed wherever they would appear; database errors lose the values they quote.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'imi-network' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', '*.password', '*.currentPassword', '*.newPassword', '*.accessToken', '*.token', '*.totp', '*.secret'],
      remove: true,
    },
    serializers: { err: (error: unknown) => pino.stdSerializers.err(withoutValues(error) as Error) },
  };
  return destination ? pino(options, destination) : pino(options);
}
