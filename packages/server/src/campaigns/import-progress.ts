// Imports under way, per server: the web app polls one while its upload runs. Finished imports
// are kept a few minutes so the last poll sees the end.
import type { ListImportProgress } from '@relais/protocol';
import type { z } from 'zod';

type Progress = z.infer<typeof ListImportProgress>;

const KEEP_FINISHED_MS = 10 * 60_000;
const MAX_ENTRIES = 1_000;

export class ImportProgressBoard {
  private readonly entries = new Map<string, { progress: Progress; finishedAtMs?: number }>();

  constructor(private readonly clock: () => number) {}

  private key(tenantId: string, listId: string): string {
    return `${tenantId}\u0000${listId}`;
  }

  /** False when an import with this list id is under way already. */
  start(tenantId: string, progress: Progress): boolean {
    this.prune();
    const key = this.key(tenantId, progress.listId);
    const current = this.entries.get(key);
    if (current !== undefined && current.finishedAtMs === undefined) return false;
    this.entries.set(key, { progress });
    return true;
  }

  update(tenantId: string, listId: string, change: Partial<Progress>): void {
    const entry = this.entries.get(this.key(tenantId, listId));
    if (entry === undefined) return;
    entry.progress = { ...entry.progress, ...change };
    if (change.phase === 'done' || change.phase === 'failed') entry.finishedAtMs = this.clock();
  }

  get(tenantId: string, listId: string): Progress | undefined {
    return this.entries.get(this.key(tenantId, listId))?.progress;
  }

  private prune(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (entry.finishedAtMs !== undefined && now - entry.finishedAtMs > KEEP_FINISHED_MS) {
        this.entries.delete(key);
      }
    }
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
