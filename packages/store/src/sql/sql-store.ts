import * as apiKeys from '../auth/api-keys.ts';
import * as sessions from '../auth/sessions.ts';
import * as users from '../auth/users.ts';
import * as audit from '../audit/audit-log.ts';
import * as campaigns from '../campaigns/campaign-store.ts';
import * as leadLists from '../campaigns/lead-lists.ts';
import * as staging from '../campaigns/lead-staging.ts';
import * as dialerWrites from '../campaigns/dialer-writes.ts';
import * as leads from '../campaigns/lead-store.ts';
import * as suppression from '../campaigns/suppression-store.ts';
import * as config from '../config/config-store.ts';
import * as desk from '../desk/desk-store.ts';
import * as planning from '../planning/schedule-store.ts';
import * as lease from '../lease/server-lease.ts';
import * as appending from '../log/append-log.ts';
import * as reading from '../log/read-log.ts';
import * as snapshots from '../log/snapshots.ts';
import * as reports from '../reports/report-store.ts';
import { migrate } from '../migrations/migrate.ts';
import type { Migration } from '../migrations/migration-files.ts';
import type * as port from '../port.ts';
import * as tenants from '../tenants/tenants.ts';
import * as deliveries from '../webhooks/deliveries.ts';
import type { StoreContext } from './context.ts';
import type { SqlDatabase } from './executor.ts';

/**
 * The Store over any SqlDatabase: the SQL is shared, the adapters (SqliteStore, PostgresStore)
 * bring the database and the migrations of their dialect.
 */
export abstract class SqlStore implements port.Store {
  readonly dialect: 'sqlite' | 'postgres';
  protected readonly context: StoreContext;

  protected constructor(
    protected readonly db: SqlDatabase,
    private readonly migrations: readonly Migration[],
    now: () => Date,
  ) {
    this.dialect = db.dialect;
    this.context = { db, now };
  }

  async migrate(): Promise<void> {
    await migrate(this.db, this.migrations, this.context.now);
  }
  close(): Promise<void> {
    return this.db.close();
  }
  async ping(): Promise<void> {
    await this.db.get('SELECT 1 AS ok');
  }

  takeLease(
    holder: port.LeaseHolder,
    timing: port.LeaseTiming & { replacing?: string },
  ): Promise<port.LeaseAttempt> {
    return lease.takeLease(this.context, holder, timing);
  }
  renewLease(holderId: string, timing: port.LeaseTiming): Promise<port.StoreLease | undefined> {
    return lease.renewLease(this.context, holderId, timing);
  }
  releaseLease(holderId: string): Promise<boolean> {
    return lease.releaseLease(this.context, holderId);
  }
  readLease(): Promise<port.StoreLease | undefined> {
    return lease.readLease(this.context);
  }

  createTenant(tenant: Omit<port.Tenant, 'createdAt'>): Promise<port.Tenant> {
    return tenants.createTenant(this.context, tenant);
  }
  getTenant(id: string): Promise<port.Tenant | undefined> {
    return tenants.getTenant(this.context, id);
  }
  listTenants(): Promise<port.Tenant[]> {
    return tenants.listTenants(this.context);
  }

  listConfig<T>(tenantId: string, kind: port.ConfigKind, page?: port.PageOptions) {
    return config.listConfig<T>(this.context, tenantId, kind, page);
  }
  getConfig<T>(tenantId: string, kind: port.ConfigKind, id: string) {
    return config.getConfig<T>(this.context, tenantId, kind, id);
  }
  putConfig<T>(
    tenantId: string,
    kind: port.ConfigKind,
    id: string,
    data: T,
    options?: port.PutOptions,
  ) {
    return config.putConfig<T>(this.context, tenantId, kind, id, data, options);
  }
  deleteConfig(tenantId: string, kind: port.ConfigKind, id: string): Promise<boolean> {
    return config.deleteConfig(this.context, tenantId, kind, id);
  }

  createUser(user: port.NewUser): Promise<port.User> {
    return users.createUser(this.context, user);
  }
  getUser(tenantId: string, id: string): Promise<port.User | undefined> {
    return users.getUser(this.context, tenantId, id);
  }
  findUserByUsername(username: string): Promise<port.User | undefined> {
    return users.findUserByUsername(this.context, username);
  }
  listUsers(tenantId: string): Promise<port.User[]> {
    return users.listUsers(this.context, tenantId);
  }
  recordLoginFailure(tenantId: string, userId: string, lockUntil?: string): Promise<void> {
    return users.recordLoginFailure(this.context, tenantId, userId, lockUntil);
  }
  resetLoginFailures(tenantId: string, userId: string): Promise<void> {
    return users.resetLoginFailures(this.context, tenantId, userId);
  }
  setPassword(tenantId: string, userId: string, passwordHash: string): Promise<void> {
    return users.setPassword(this.context, tenantId, userId, passwordHash);
  }

  deleteSessionsOf(tenantId: string, userId: string): Promise<number> {
    return sessions.deleteSessionsOf(this.context, tenantId, userId);
  }

  deleteUser(tenantId: string, userId: string): Promise<boolean> {
    return users.deleteUser(this.context, tenantId, userId);
  }
  setUserAccess(
    tenantId: string,
    userId: string,
    access: { role: port.Role; scope: port.Scope },
  ): Promise<boolean> {
    return users.setUserAccess(this.context, tenantId, userId, access);
  }
  setUserLocale(tenantId: string, userId: string, locale: 'fr' | 'en' | null): Promise<boolean> {
    return desk.setUserLocale(this.context, tenantId, userId, locale);
  }

  getContactNote(tenantId: string, contactId: string): Promise<port.ContactNote | undefined> {
    return desk.getContactNote(this.context, tenantId, contactId);
  }
  putContactNote(
    tenantId: string,
    note: Omit<port.ContactNote, 'updatedAt'>,
  ): Promise<port.ContactNote> {
    return desk.putContactNote(this.context, tenantId, note);
  }
  addCustomerContact(
    tenantId: string,
    link: port.CustomerContact & { clientId: string; customerKey: string },
  ): Promise<void> {
    return desk.addCustomerContact(this.context, tenantId, link);
  }
  customerContacts(
    tenantId: string,
    query: port.CustomerContactQuery,
  ): Promise<port.CustomerContact[]> {
    return desk.customerContacts(this.context, tenantId, query);
  }

  getSchedule(
    tenantId: string,
    queueId: string,
    date: string,
  ): Promise<port.PlanningSchedule | undefined> {
    return planning.getSchedule(this.context, tenantId, queueId, date);
  }
  putSchedule(
    tenantId: string,
    schedule: Omit<port.PlanningSchedule, 'updatedAt'>,
  ): Promise<port.PlanningSchedule> {
    return planning.putSchedule(this.context, tenantId, schedule);
  }
  deleteSchedule(tenantId: string, queueId: string, date: string): Promise<boolean> {
    return planning.deleteSchedule(this.context, tenantId, queueId, date);
  }

  createSession(session: Omit<port.Session, 'createdAt'>): Promise<port.Session> {
    return sessions.createSession(this.context, session);
  }
  getSession(tokenHash: string): Promise<port.Session | undefined> {
    return sessions.getSession(this.context, tokenHash);
  }
  deleteSession(tokenHash: string): Promise<void> {
    return sessions.deleteSession(this.context, tokenHash);
  }
  deleteExpiredSessions(now: string): Promise<number> {
    return sessions.deleteExpiredSessions(this.context, now);
  }

  createApiKey(key: Omit<port.ApiKey, 'createdAt' | 'revokedAt'>): Promise<port.ApiKey> {
    return apiKeys.createApiKey(this.context, key);
  }
  getApiKey(id: string): Promise<port.ApiKey | undefined> {
    return apiKeys.getApiKey(this.context, id);
  }
  listApiKeys(tenantId: string): Promise<port.ApiKey[]> {
    return apiKeys.listApiKeys(this.context, tenantId);
  }
  revokeApiKey(tenantId: string, id: string, at: string): Promise<boolean> {
    return apiKeys.revokeApiKey(this.context, tenantId, id, at);
  }

  appendLog(tenantId: string, batch: port.LogBatch): Promise<void> {
    return appending.appendLog(this.context, tenantId, batch);
  }
  readCommands(tenantId: string, afterSeq: number, limit: number): Promise<port.LoggedCommand[]> {
    return reading.readCommands(this.context, tenantId, afterSeq, limit);
  }
  readEvents(tenantId: string, query: port.EventQuery): Promise<port.LoggedEvent[]> {
    return reading.readEvents(this.context, tenantId, query);
  }
  lastSeqs(tenantId: string): Promise<{ command: number; event: number }> {
    return appending.lastSeqsIn(this.db, tenantId);
  }
  getIdempotent(tenantId: string, key: string): Promise<port.IdempotentResponse | undefined> {
    return reading.getIdempotent(this.context, tenantId, key);
  }
  listIdempotencyKeys(tenantId: string, afterKey: string, limit: number): Promise<string[]> {
    return reading.listIdempotencyKeys(this.context, tenantId, afterKey, limit);
  }

  saveSnapshot(tenantId: string, snapshot: port.Snapshot): Promise<void> {
    return snapshots.saveSnapshot(this.context, tenantId, snapshot);
  }
  latestSnapshot(tenantId: string): Promise<port.Snapshot | undefined> {
    return snapshots.latestSnapshot(this.context, tenantId);
  }
  addReportFlush(tenantId: string, flush: port.ReportFlush): Promise<void> {
    return reports.addReportFlush(this.context, tenantId, flush);
  }
  reportState(tenantId: string): Promise<port.ReportState | undefined> {
    return reports.reportState(this.context, tenantId);
  }
  readReportRows(tenantId: string, query: port.ReportQuery): Promise<port.ReportRowRecord[]> {
    return reports.readReportRows(this.context, tenantId, query);
  }
  readReportBlocks(tenantId: string, query: port.ReportQuery): Promise<port.ReportRowBlock[]> {
    return reports.readReportBlocks(this.context, tenantId, query);
  }
  readReportPauses(
    tenantId: string,
    query: port.ReportPauseQuery,
  ): Promise<port.ReportPauseRecord[]> {
    return reports.readReportPauses(this.context, tenantId, query);
  }
  clearReports(tenantId: string): Promise<void> {
    return reports.clearReports(this.context, tenantId);
  }
  replaceReportHistory(tenantId: string, history: port.ReportHistory): Promise<void> {
    return reports.replaceReportHistory(this.context, tenantId, history);
  }

  appendAudit(tenantId: string, entry: port.NewAuditEntry): Promise<port.AuditEntry> {
    return audit.appendAudit(this.context, tenantId, entry);
  }
  listAudit(tenantId: string, afterId: number, limit: number): Promise<port.AuditEntry[]> {
    return audit.listAudit(this.context, tenantId, afterId, limit);
  }

  enqueueDeliveries(
    tenantId: string,
    items: { webhookId: string; eventSeq: number; nextAttemptAt: string }[],
  ): Promise<void> {
    return deliveries.enqueueDeliveries(this.context, tenantId, items);
  }
  dueDeliveries(tenantId: string, now: string, limit: number): Promise<port.WebhookDelivery[]> {
    return deliveries.dueDeliveries(this.context, tenantId, now, limit);
  }
  recordDeliveryAttempt(
    tenantId: string,
    id: number,
    outcome: Parameters<port.Store['recordDeliveryAttempt']>[2],
  ): Promise<void> {
    return deliveries.recordDeliveryAttempt(this.context, tenantId, id, outcome);
  }
  listDeliveries(
    tenantId: string,
    webhookId: string,
    limit: number,
  ): Promise<port.WebhookDelivery[]> {
    return deliveries.listDeliveries(this.context, tenantId, webhookId, limit);
  }
  putCampaign<T>(
    tenantId: string,
    campaign: { id: string; clientId: string; config: T },
    options?: port.PutOptions,
  ): Promise<port.CampaignRecord<T>> {
    return campaigns.putCampaign(this.context, tenantId, campaign, options);
  }
  getCampaign<T>(tenantId: string, id: string): Promise<port.CampaignRecord<T> | undefined> {
    return campaigns.getCampaign<T>(this.context, tenantId, id);
  }
  listCampaigns<T>(tenantId: string, clientId?: string): Promise<port.CampaignRecord<T>[]> {
    return campaigns.listCampaigns<T>(this.context, tenantId, clientId);
  }
  setCampaignState(
    tenantId: string,
    id: string,
    state: port.CampaignRunState,
  ): Promise<port.CampaignRecord | undefined> {
    return campaigns.setCampaignState(this.context, tenantId, id, state);
  }
  deleteCampaign(tenantId: string, id: string): Promise<boolean> {
    return campaigns.deleteCampaign(this.context, tenantId, id);
  }
  campaignNumbers(tenantId: string, campaignId: string): Promise<string[]> {
    return leads.campaignNumbers(this.context, tenantId, campaignId);
  }
  importLeadList(
    tenantId: string,
    list: port.NewLeadList,
    rows: readonly port.NewLead[],
    rejections: readonly port.LeadRejection[],
  ): Promise<port.LeadListRecord> {
    return staging.importLeadList(this.context, tenantId, list, rows, rejections);
  }
  stageLeadList(tenantId: string, list: port.NewStagedLeadList): Promise<port.StagedLeadList> {
    return staging.stageLeadList(this.context, tenantId, list);
  }
  discardStagedLeadLists(stagedBefore: string): Promise<number> {
    return staging.discardStagedLeadLists(this.context, stagedBefore);
  }
  listLeadLists(tenantId: string, campaignId: string): Promise<port.LeadListRecord[]> {
    return leadLists.listLeadLists(this.context, tenantId, campaignId);
  }
  getLeadList(tenantId: string, id: string): Promise<port.LeadListRecord | undefined> {
    return leadLists.getLeadList(this.context, tenantId, id);
  }
  leadListRejections(tenantId: string, listId: string): Promise<port.LeadRejection[]> {
    return leadLists.leadListRejections(this.context, tenantId, listId);
  }
  listLeads(
    tenantId: string,
    campaignId: string,
    query?: port.LeadQueryOptions,
  ): Promise<port.LeadRecord[]> {
    return leads.listLeads(this.context, tenantId, campaignId, query);
  }
  getLead(tenantId: string, id: string): Promise<port.LeadRecord | undefined> {
    return leads.getLead(this.context, tenantId, id);
  }
  openLeads(
    tenantId: string,
    campaignId: string,
    page?: { after?: string; limit?: number },
  ): Promise<port.LeadRecord[]> {
    return leads.openLeads(this.context, tenantId, campaignId, page);
  }
  numberAttempts(
    tenantId: string,
    campaignId: string,
    sinceMs: number,
  ): Promise<port.LeadAttemptRecord[]> {
    return leads.numberAttempts(this.context, tenantId, campaignId, sinceMs);
  }
  leadAttempts(tenantId: string, leadId: string): Promise<port.LeadAttemptRecord[]> {
    return leads.leadAttempts(this.context, tenantId, leadId);
  }
  recordLeadAttempt(
    tenantId: string,
    attempt: port.NewLeadAttempt,
    after: port.LeadAfterAttempt,
  ): Promise<port.LeadAttemptRecord | undefined> {
    return leads.recordLeadAttempt(this.context, tenantId, attempt, after);
  }
  setLeadBlocking(tenantId: string, updates: readonly port.LeadBlocking[]): Promise<void> {
    return leads.setLeadBlocking(this.context, tenantId, updates);
  }
  writeDialerBatch(tenantId: string, writes: readonly port.DialerWrite[]): Promise<void> {
    return dialerWrites.writeDialerBatch(this.context, tenantId, writes);
  }
  attemptOfCall(tenantId: string, callId: string): Promise<port.LeadAttemptRecord | undefined> {
    return dialerWrites.attemptOfCall(this.context, tenantId, callId);
  }
  scheduleCallback(
    tenantId: string,
    callback: { leadId: string; atMs: number; agentId?: string; createdBy: string },
  ): Promise<port.CallbackRecord | undefined> {
    return leads.scheduleCallback(this.context, tenantId, callback);
  }
  listCallbacks(tenantId: string, campaignId: string): Promise<port.CallbackRecord[]> {
    return leads.listCallbacks(this.context, tenantId, campaignId);
  }
  putSuppressionList(
    tenantId: string,
    list: { id: string; name: string; scrubbedAt: string },
    numbers: readonly string[],
  ): Promise<port.SuppressionListRecord> {
    return suppression.putSuppressionList(this.context, tenantId, list, numbers);
  }
  listSuppressionLists(tenantId: string): Promise<port.SuppressionListRecord[]> {
    return suppression.listSuppressionLists(this.context, tenantId);
  }
  suppressionNumbers(tenantId: string, listId: string): Promise<string[]> {
    return suppression.suppressionNumbers(this.context, tenantId, listId);
  }
  campaignCounts(
    tenantId: string,
    campaignId: string,
    sinceMs: number,
  ): Promise<port.CampaignCounts> {
    return leads.campaignCounts(this.context, tenantId, campaignId, sinceMs);
  }
}
