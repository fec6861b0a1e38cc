// Prometheus metrics: prom-client registry per server (tests build many servers in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServerContext } from './context.ts';

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'relais_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'relais_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  readonly logBatches = new Counter({
    name: 'relais_log_batches_total',
    help: 'Group commits written to the event log',
    registers: [this.registry],
  });
  readonly logEvents = new Counter({
    name: 'relais_log_events_total',
    help: 'Engine events written to the event log',
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'relais_log_commit_duration_seconds',
    help: 'Time to write one group commit of the event log (a transaction)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly dialerWriteFailures = new Counter({
    name: 'relais_dialer_write_failures_total',
    help: 'Batches of the live dialer (lead history) the store failed to write; they are retried',
    registers: [this.registry],
  });
  readonly dialerWritesRejected = new Counter({
    name: 'relais_dialer_writes_rejected_total',
    help: 'Writes of the live dialer (lead history) the store refused for good; set aside, logged',
    registers: [this.registry],
  });
  readonly streamClients = new Gauge({
    name: 'relais_stream_clients',
    help: 'WebSocket stream connections open',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'relais_' });
  }
}

export const metricsText = (context: ServerContext): Promise<string> =>
  context.metrics.registry.metrics();
