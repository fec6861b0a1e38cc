// A store whose next read of one configuration row can be held until the test lets it answer:
// the way to make a write land between another write's read and its write (TEL30, TEL32).
import type { Store } from '@relais/store';

export interface HeldRead {
  /** Resolves when the read has been made (its answer is held). */
  readonly reached: Promise<void>;
  /** Lets the held read answer. */
  release(): void;
}

/** The store, with a way to hold the next read (`getConfig`) of one row until released. */
export function holdingReads(store: Store): {
  store: Store;
  holdNextRead: (kind: string, id: string) => HeldRead;
} {
  let armed: { kind: string; id: string; reached: () => void; released: Promise<void> } | undefined;
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const answer: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        const held = armed;
        if (
          name === 'getConfig' &&
          held !== undefined &&
          held.kind === args[1] &&
          held.id === args[2]
        ) {
          armed = undefined;
          held.reached();
          await held.released;
        }
        return answer;
      };
    },
  });
  return {
    store: wrapped,
    holdNextRead: (kind, id) => {
      let reached = (): void => undefined;
      let release = (): void => undefined;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      armed = { kind, id, reached, released };
      return { reached: reachedPromise, release };
    },
  };
}
