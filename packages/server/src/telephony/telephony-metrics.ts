// Prometheus metrics of SIP calls, on the server's registry.
import { Counter, Gauge, type Registry } from 'prom-client';

export class TelephonyMetrics {
  readonly calls: Counter<'outcome'>;
  readonly callEvents: Counter<'type'>;
  readonly agentFailures: Counter<'reason'>;
  readonly actionFailures: Counter;
  readonly activeCalls: Gauge;
  readonly registeredPhones: Gauge;

  constructor(registry: Registry, activeCalls: () => number, phones: () => number) {
    const registers = [registry];
    this.calls = new Counter({
      name: 'relais_sip_calls_total',
      help: 'Inbound SIP calls by what became of them (queued, connected, abandoned, unknown-number, refused)',
      labelNames: ['outcome'],
      registers,
    });
    this.callEvents = new Counter({
      name: 'relais_sip_call_events_total',
      help: 'Call events from the B2BUA by type',
      labelNames: ['type'],
      registers,
    });
    this.agentFailures = new Counter({
      name: 'relais_sip_agent_leg_failures_total',
      help: 'Agent legs that ended unanswered, by reason (no-answer, busy, declined, unreachable)',
      labelNames: ['reason'],
      registers,
    });
    this.actionFailures = new Counter({
      name: 'relais_sip_action_failures_total',
      help: 'Call actions that failed other than by racing a hang-up (media failures)',
      registers,
    });
    this.activeCalls = new Gauge({
      name: 'relais_sip_active_calls',
      help: 'SIP calls alive in the B2BUA',
      registers,
      collect() {
        this.set(activeCalls());
      },
    });
    this.registeredPhones = new Gauge({
      name: 'relais_sip_registered_phones',
      help: 'SIP addresses of record with at least one registered phone',
      registers,
      collect() {
        this.set(phones());
      },
    });
  }
}
