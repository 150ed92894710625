/**
 * The time the server works with. Deadlines, reminders, digests and escalation read it from here, never from the
 * system clock directly, so that tests can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests. */
export function movableClock(start: Date = new Date()): Clock & { set(to: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (to) => {
      current = to.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export const DAY_MS = 86_400_000;
