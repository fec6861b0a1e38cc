// Compliance checks per second: `checkDial` over generated leads with varied histories, at 11:00
// Paris time on the benchmark's day (a dialable hour, so every rule is evaluated); the median of
// three passes.
import { FRANCE, TenantHistory, checkDial, localInstant, type LeadHistory } from '@relais/dialer';
import { generateLeads, randomStream } from '@relais/sim';
import { BENCH_DATE, BENCH_ZONE } from './campaign-day.ts';

const DAY_MS = 86_400_000;

export interface GateThroughput {
  readonly checks: number;
  readonly seconds: number;
  readonly checksPerSec: number;
  readonly dialable: number;
}

export function gateThroughput(count: number, seed: number, clock: () => number): GateThroughput {
  const nowMs = localInstant(BENCH_ZONE, BENCH_DATE, 11 * 60);
  const leads = generateLeads(count, 'FR', seed);
  const random = randomStream(seed, 'gate-bench');
  const history = new TenantHistory();
  // A third of the numbers were called before (1–4 times in 30 days), one in twenty refused.
  for (const lead of leads) {
    if (random() < 0.33) {
      const calls = 1 + Math.floor(random() * 4);
      for (let c = 0; c < calls; c++) {
        const client = random() < 0.8 ? 'bench-client' : 'other-client';
        history.recordAttempt(lead.phoneE164, client, nowMs - Math.floor(random() * 30 * DAY_MS));
      }
    }
    if (random() < 0.05) {
      history.recordRefusal(
        lead.phoneE164,
        'bench-client',
        nowMs - Math.floor(random() * 90 * DAY_MS),
      );
    }
  }
  const histories: LeadHistory[] = leads.map((lead) => history.of(lead.phoneE164));
  const campaign = { id: 'bench', clientId: 'bench-client', suppression: null };
  // A tenth of the leads warms the caches (zone offsets, holiday calendars) and the JIT, as in a
  // running dialer; then three timed passes over all the leads, the median reported.
  for (let i = 0; i < Math.ceil(leads.length / 10); i++) {
    checkDial(leads[i]!, histories[i]!, campaign, FRANCE, nowMs);
  }
  const passes: number[] = [];
  let dialable = 0;
  for (let pass = 0; pass < 3; pass++) {
    dialable = 0;
    const started = clock();
    for (let i = 0; i < leads.length; i++) {
      if (checkDial(leads[i]!, histories[i]!, campaign, FRANCE, nowMs).dialable) dialable++;
    }
    passes.push((clock() - started) / 1000);
  }
  const seconds = passes.sort((a, b) => a - b)[1] as number;
  return { checks: leads.length, seconds, checksPerSec: leads.length / seconds, dialable };
}
