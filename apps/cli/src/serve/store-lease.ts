// The store's lease as the CLI's commands take it (packages/store/SPEC.md SL6–SL9), and what
// they say when another process holds it or took it over.
import { describeHolder, holdStoreLease, StoreInUse, type HeldLease } from '@relais/server';
import type { Store, StoreLease } from '@relais/store';

const expirySeconds = (lease: StoreLease): number =>
  Math.round((lease.expiresAtMs - lease.heartbeatAtMs) / 1000);

/** Why `relais serve` does not start: who holds the store, and what to do. */
export function serveRefusal({ heldBy, nowMs }: StoreInUse): string {
  return [
    `relais serve: this store is in use by ${describeHolder(heldBy, nowMs)}.`,
    'One server per store: stop that process first (or give this one another --data or --pg-schema).',
    `If it stopped without letting go (a crash on another machine, a power cut), its lease expires ` +
      `${expirySeconds(heldBy)} s after its last heartbeat, at ${new Date(heldBy.expiresAtMs).toISOString()}: start again then.`,
  ].join('\n');
}

/** Why `relais import` does not write: import through the running server, or stop it. */
export function importRefusal({ heldBy, nowMs }: StoreInUse): string {
  if (heldBy.purpose !== 'relais serve') {
    return `relais import: this store is in use by ${describeHolder(heldBy, nowMs)}; wait for it to finish and run again.`;
  }
  return [
    `relais import: a server is running on this store: ${describeHolder(heldBy, nowMs)}.`,
    'Import through it, so that its engine and phone book learn of the rows: POST /api/v1/imports/KIND',
    '(admin, body text/csv; or the web app’s import page), or stop it first and run again.',
    '--dry-run checks the file while it runs.',
  ].join('\n');
}

/**
 * Takes the store's lease for `purpose`, or prints `refusal` and resolves to undefined. Losing
 * it later (another process took the store over) prints why and ends the process at once: it
 * must write nothing more, and what it acknowledged is already on disk.
 */
export async function leaseOrRefuse(
  store: Store,
  purpose: 'relais serve' | 'relais import',
  refusal: (error: StoreInUse) => string,
): Promise<HeldLease | undefined> {
  try {
    return await holdStoreLease(store, {
      purpose,
      onLost(heldBy) {
        const now = heldBy === undefined ? 'nobody' : describeHolder(heldBy, Date.now());
        console.error(
          `${purpose}: STOPPING: this process no longer holds the store's lease (now held by ${now}). ` +
            'It could not renew it in time (the machine slept, or the database was unreachable, past ' +
            'its expiry) and another process took the store over. Exiting without another write.',
        );
        process.exit(1);
      },
      onRenewError(error) {
        console.error(
          `${purpose}: could not renew the store's lease (trying again): ${String(error)}`,
        );
      },
    });
  } catch (error) {
    if (!(error instanceof StoreInUse)) throw error;
    console.error(refusal(error));
    return undefined;
  }
}
