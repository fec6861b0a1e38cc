// A lead list staged on the writer thread's connection (SqliteStore with logWriter 'worker'):
// its chunks are inserted there, so a large import neither blocks the server's event loop nor
// waits for it; the log's commits queue between chunks on that same thread.
import type {
  LeadListCounts,
  LeadListRecord,
  LeadRejection,
  NewLead,
  NewStagedLeadList,
  StagedLeadList,
} from '../port.ts';
import type { SqliteLogWriter } from './log-writer.ts';

export async function stageOnWriter(
  writer: SqliteLogWriter,
  now: () => Date,
  tenantId: string,
  list: NewStagedLeadList,
): Promise<StagedLeadList> {
  await writer.stage(tenantId, list, now());
  return new StagedOnWriter(writer, now, `${tenantId}\u0000${list.id}`, list);
}

class StagedOnWriter implements StagedLeadList {
  private state: 'open' | 'published' | 'discarded' = 'open';

  constructor(
    private readonly writer: SqliteLogWriter,
    private readonly now: () => Date,
    private readonly key: string,
    readonly list: NewStagedLeadList,
  ) {}

  async add(leads: readonly NewLead[], rejections: readonly LeadRejection[]): Promise<void> {
    this.expectOpen('add to');
    await this.writer.stageAdd(this.key, leads, rejections, this.now());
  }

  async publish(counts: LeadListCounts): Promise<LeadListRecord> {
    this.expectOpen('publish');
    const record = await this.writer.stagePublish(this.key, counts, this.now());
    this.state = 'published';
    return record;
  }

  async discard(): Promise<void> {
    if (this.state === 'published') throw new Error(`list ${this.list.id} is published`);
    if (this.state === 'discarded') return;
    this.state = 'discarded';
    await this.writer.stageDiscard(this.key, this.now());
  }

  private expectOpen(what: string): void {
    if (this.state !== 'open')
      throw new Error(`cannot ${what} list ${this.list.id}: ${this.state}`);
  }
}
