import pg from 'pg';
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
 * Changes delivered through PostgreSQL's LISTEN/NOTIFY, so that a user connected to any server instance learns of a
 * change made on any other. One connection per instance listens; it reconnects after a loss.
 */
export function postgresEventBus(url: string, logger: Logger): EventBus {
  const local = fanOut();
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  let listener: pg.Client | null = null;
  let closed = false;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        local.deliver(JSON.parse(message.payload) as RequestChange);
      } catch (error) {
        logger.warn({ err: error }, 'unreadable request change notification');
      }
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'live events: listening connection lost; reconnecting');
      listener = null;
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${channel}`);
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
      await ready.catch(() => undefined);
      await listener?.end();
      await publisher.end();
    },
  };
}
