/** Builders and a small harness for engine tests (STYLE: builders, not copied fixtures). */
import { Engine, type ApplyResult } from '../engine.ts';
import type { Command, NewContact } from '../model/commands.ts';
import type { AgentConfig, EngineOptions, QueueConfig, SiteConfig } from '../model/config.ts';
import type { EngineEvent, EventOf, EventType } from '../model/events.ts';
import type { EngineSnapshot } from '../queries/inspect.ts';

export const makeSite = (overrides: Partial<SiteConfig> = {}): SiteConfig => ({
  id: 'rabat',
  city: 'Rabat',
  timeZone: 'Africa/Casablanca',
  positions: 100,
  ...overrides,
});

export const makeAgent = (overrides: Partial<AgentConfig> = {}): AgentConfig => ({
  id: 'a1',
  siteId: 'rabat',
  skills: { fr: 5 },
  ...overrides,
});

export const makeQueue = (overrides: Partial<QueueConfig> = {}): QueueConfig => ({
  id: 'q1',
  clientId: 'telecom',
  channel: 'voice',
  skills: { fr: 1 },
  ...overrides,
});

export const makeContact = (overrides: Partial<NewContact> = {}): NewContact => ({
  contactId: 'c1',
  queueId: 'q1',
  ...overrides,
});

/** Sites rabat (Rabat), casa1 and casa2 (Casablanca), fes (Fès); skills fr, ar, en, es, billing, tech; pause codes break, lunch, training; dispositions sale, no-sale. */
export const BASE_CONFIG: Command[] = [
  { type: 'configureSite', site: makeSite() },
  { type: 'configureSite', site: makeSite({ id: 'casa1', city: 'Casablanca' }) },
  { type: 'configureSite', site: makeSite({ id: 'casa2', city: 'Casablanca' }) },
  { type: 'configureSite', site: makeSite({ id: 'fes', city: 'Fès' }) },
  ...['fr', 'ar', 'en', 'es'].map((id): Command => ({
    type: 'configureSkill',
    skill: { id, kind: 'language' },
  })),
  ...['billing', 'tech'].map((id): Command => ({ type: 'configureSkill', skill: { id } })),
  ...['break', 'lunch', 'training'].map((id): Command => ({
    type: 'configurePauseCode',
    pauseCode: { id, label: id },
  })),
  { type: 'configureDisposition', disposition: { id: 'sale', label: 'Sale', success: true } },
  { type: 'configureDisposition', disposition: { id: 'no-sale', label: 'No sale' } },
];

/** An engine with a clock, that throws on bad commands and records every event. */
export class Harness {
  readonly engine: Engine;
  nowMs = 0;
  readonly events: EngineEvent[] = [];

  constructor(options: EngineOptions = {}, config: Command[] = BASE_CONFIG) {
    this.engine = new Engine(options);
    for (const command of config) this.do(command);
  }

  /** Applies a command at the current time; throws the EngineError of a bad one. */
  do(command: Command): EngineEvent[] {
    const events = this.engine.applyOrThrow(command, this.nowMs);
    this.events.push(...events);
    return events;
  }

  /** Applies a command at the current time without throwing; records the events it returns. */
  attempt(command: Command): ApplyResult {
    const result = this.engine.apply(command, this.nowMs);
    this.events.push(...result.events);
    return result;
  }

  /** Moves the clock to `atMs` (absolute engine time), firing timers. */
  waitUntil(atMs: number): EngineEvent[] {
    return this.wait(atMs - this.nowMs);
  }

  /** Moves the clock forward by `ms`, firing timers. */
  wait(ms: number): EngineEvent[] {
    this.nowMs += ms;
    const events = this.engine.advance(this.nowMs);
    this.events.push(...events);
    return events;
  }

  queue(overrides: Partial<QueueConfig> = {}): this {
    this.do({ type: 'configureQueue', queue: makeQueue(overrides) });
    return this;
  }

  agent(overrides: Partial<AgentConfig> = {}, login = true): this {
    const agent = makeAgent(overrides);
    this.do({ type: 'configureAgent', agent });
    if (login) this.do({ type: 'login', agentId: agent.id });
    return this;
  }

  arrive(overrides: Partial<NewContact> = {}): EngineEvent[] {
    return this.do({ type: 'arrive', contact: makeContact(overrides) });
  }

  of<T extends EventType>(type: T, events: EngineEvent[] = this.events): EventOf<T>[] {
    return events.filter((e): e is EventOf<T> => e.type === type);
  }

  /** Accepts the contact's ringing offer as the agent it was last offered to. */
  answer(contactId: string): EngineEvent[] {
    const agentId = this.offeredTo(contactId);
    if (agentId === undefined) throw new Error(`contact ${contactId} was never offered`);
    return this.do({ type: 'accept', agentId, contactId });
  }

  /** The recorded events that concern one contact, in order. */
  about(contactId: string, events: EngineEvent[] = this.events): EngineEvent[] {
    return events.filter((e) => 'contactId' in e && e.contactId === contactId);
  }

  /** The contact as `inspect()` shows it; undefined once it reached a terminal state. */
  contact(contactId: string): EngineSnapshot['contacts'][number] | undefined {
    return this.engine.inspect().contacts.find((c) => c.id === contactId);
  }

  /** The agent the contact was last offered to, if any. */
  offeredTo(contactId: string): string | undefined {
    return this.of('contactOffered')
      .filter((e) => e.contactId === contactId)
      .at(-1)?.agentId;
  }
}

/** The types of some events, in order: handy to assert sequences. */
export const typesOf = (events: readonly EngineEvent[]): EngineEvent['type'][] =>
  events.map((e) => e.type);
