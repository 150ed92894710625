import pg from 'pg';
import { databaseUnavailable } from '../../http/problem.js';
import type { Logger } from '../../logger.js';
import type { RequestState } from './workflow.js';

/**
 * A change to a request, as pushed to live clients: no personal data, only what tells a client to reload. `audience`
 * are the authorities whose users may see the request; a user sees the change when its authority is among them and it
 * holds a role in the area.
 */
export interface RequestChange {
  requestId: string;
  caseNumber: string;
  kind: string;
  status: RequestState;
  version: number;
  area: string;
  audience: string[];
  at: string;
}

export interface EventBus {
  publish(change: RequestChange): Promise<void>;
  subscribe(listener: (change: RequestChange) => void): () => void;
  close(): Promise<void>;
}

const channel = 'imi_request_change';

function fanOut() {
  const listeners = new Set<(change: RequestChange) => void>();
  return {
    deliver(change: RequestChange) {
      for (const listener of listeners) listener(change);
    },
    subscribe(listener: (change: RequestChange) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Changes delivered inside this process: the embedded database serves one server instance. */
export function localEventBus(): EventBus {
  const local = fanOut();
  return {
    async publish(change) {
      local.deliver(change);
    },
    subscribe: local.subscribe,
    async close() {},
  };
}

/**
 * Delays between attempts to listen again after the connection was lost: doubling from the first, up to the last, so
 * that live events resume within a couple of seconds of the database's return for the cost of one refused connection
 * every two seconds while it is away.
 */
const reconnectDelayMs = { first: 250, max: 2_000 };

/**
 * Changes delivered through PostgreSQL's LISTEN/NOTIFY, so that a user connected to any server instance learns of a
 * change made on any other. One connection per instance listens; after a loss (the database restarted or failed over)
 * it tries again with a growing delay until the database answers, and live events flow again without a restart.
 * Changes made while it was away are not replayed: live events only tell clients to reload.
 */
export function postgresEventBus(url: string, logger: Logger): EventBus {
  const local = fanOut();
  const settings = { connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true };
  const publisher = new pg.Pool({ ...settings, max: 2 });
  // An idle pooled connection that PostgreSQL closes reports on the pool, which drops it; unheard, it would end the process.
  publisher.on('error', (error) => logger.warn({ reason: databaseUnavailable(error) ?? error.message }, 'live events: publishing connection lost'));
  let listener: pg.Client | null = null;
  let closed = false;
  let attempts = 0;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client(settings);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = null;
      void client.end().catch(() => undefined);
      if (closed || retry) return;
      if (attempts === 0) {
        logger.warn({ reason: (error && databaseUnavailable(error)) ?? error?.message ?? 'connection ended' }, 'live events: listening connection lost; reconnecting');
      }
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, Math.min(reconnectDelayMs.max, reconnectDelayMs.first * 2 ** attempts++));
      retry.unref();
    };
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        local.deliver(JSON.parse(message.payload) as RequestChange);
      } catch (error) {
        logger.warn({ err: error }, 'unreadable request change notification');
      }
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      return onLost(error as Error);
    }
    if (lost) return;
    if (closed) return void client.end().catch(() => undefined);
    if (attempts > 0) logger.info({ attempts }, 'live events: listening again');
    attempts = 0;
    listener = client;
  };
  const ready = connect();

  return {
    async publish(change) {
      await ready;
      await publisher.query('select pg_notify($1, $2)', [channel, JSON.stringify(change)]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      clearTimeout(retry);
      await ready;
      await listener?.end();
      await publisher.end();
    },
  };
}
