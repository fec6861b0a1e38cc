/** Checks configuration before it reaches the engine's state (SPEC ERR1, ERR2). */
import {
  CHANNELS,
  SLOT_CHANNELS,
  type SlotChannel,
  type AgentConfig,
  type Capacity,
  type Channel,
  type QueueConfig,
  type SiteConfig,
} from './config.ts';
import { invalid, unknownRef } from './errors.ts';

const STRATEGIES = ['longest-idle', 'most-skilled', 'least-occupied', 'round-robin'];
const FORMULAS = ['answered', 'offered', 'abandon-neutral', 'abandon-positive'];
const MAX_SLOTS = 100;

export function checkId(path: string, id: unknown): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw invalid(path, 'a non-empty string id of at most 200 characters', id);
  }
}

function checkNumber(
  path: string,
  value: unknown,
  min: number,
  max: number,
  integer = false,
): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    const kind = integer ? 'an integer' : 'a number';
    throw invalid(path, `${kind} from ${min} to ${max}`, value);
  }
}

export function checkChannel(path: string, channel: unknown): asserts channel is Channel {
  if (!CHANNELS.includes(channel as Channel))
    throw invalid(path, `one of ${CHANNELS.join(', ')}`, channel);
}

export function checkSite(site: SiteConfig): void {
  checkId('site.id', site.id);
  if (typeof site.city !== 'string' || site.city === '')
    throw invalid('site.city', 'a city name', site.city);
  try {
    if (typeof site.timeZone !== 'string' || site.timeZone === '') throw new RangeError();
    new Intl.DateTimeFormat('en', { timeZone: site.timeZone });
  } catch {
    throw invalid('site.timeZone', 'an IANA time zone such as Africa/Casablanca', site.timeZone);
  }
  checkNumber('site.positions', site.positions, 0, 1_000_000, true);
}

/** Skill maps: known skill ids → integer 1..10 (proficiency or minimum proficiency). */
export function checkSkills(path: string, skills: unknown, known: (id: string) => boolean): void {
  if (typeof skills !== 'object' || skills === null || Array.isArray(skills)) {
    throw invalid(path, 'an object of skill id → proficiency 1..10', skills);
  }
  for (const [skill, level] of Object.entries(skills)) {
    if (!known(skill)) throw unknownRef('Skill', `${path}.${skill}`, skill);
    checkNumber(`${path}.${skill}`, level, 1, 10, true);
  }
}

export function checkCapacity(path: string, capacity: Capacity): void {
  if (typeof capacity !== 'object' || capacity === null) {
    throw invalid(path, 'an object of channel → slots', capacity);
  }
  for (const [channel, slots] of Object.entries(capacity)) {
    if (!SLOT_CHANNELS.includes(channel as SlotChannel)) {
      const hint = channel === 'callback' ? ' (callbacks take the voice slot)' : '';
      throw invalid(`${path}.${channel}`, `one of ${SLOT_CHANNELS.join(', ')}${hint}`, channel);
    }
    checkNumber(`${path}.${channel}`, slots, 0, MAX_SLOTS, true);
  }
}

function invalidFlag(path: string, value: unknown): never {
  throw invalid(path, 'true or false', value);
}

export function checkAgent(agent: AgentConfig, known: (skill: string) => boolean): void {
  checkId('agent.id', agent.id);
  checkId('agent.siteId', agent.siteId);
  checkSkills('agent.skills', agent.skills, known);
  if (agent.capacity !== undefined) checkCapacity('agent.capacity', agent.capacity);
  for (const flag of ['exclusiveVoice', 'autoAnswer'] as const) {
    const value = agent[flag];
    if (value !== undefined && typeof value !== 'boolean') invalidFlag(`agent.${flag}`, value);
  }
}

export interface QueueRefs {
  skill: (id: string) => boolean;
  site: (id: string) => boolean;
  queue: (id: string) => boolean;
}

export function checkQueue(queue: QueueConfig, refs: QueueRefs): void {
  checkId('queue.id', queue.id);
  checkId('queue.clientId', queue.clientId);
  checkChannel('queue.channel', queue.channel);
  checkSkills('queue.skills', queue.skills, refs.skill);
  if (queue.priority !== undefined)
    checkNumber('queue.priority', queue.priority, -1000, 1000, true);
  if (queue.weight !== undefined) checkNumber('queue.weight', queue.weight, 0.01, 100);
  if (queue.strategy !== undefined && !STRATEGIES.includes(queue.strategy)) {
    throw invalid('queue.strategy', `one of ${STRATEGIES.join(', ')}`, queue.strategy);
  }
  const sl = queue.serviceLevel;
  if (sl !== undefined) {
    checkNumber('queue.serviceLevel.thresholdSeconds', sl.thresholdSeconds, 0, 86_400);
    checkNumber('queue.serviceLevel.target', sl.target, 0, 1);
    if (sl.formula !== undefined && !FORMULAS.includes(sl.formula)) {
      throw invalid('queue.serviceLevel.formula', `one of ${FORMULAS.join(', ')}`, sl.formula);
    }
    if (sl.shortAbandonSeconds !== undefined) {
      checkNumber('queue.serviceLevel.shortAbandonSeconds', sl.shortAbandonSeconds, 0, 3600);
    }
  }
  for (const [i, site] of (queue.sites ?? []).entries()) {
    if (!refs.site(site)) throw unknownRef('Site', `queue.sites[${i}]`, site);
  }
  if (queue.homeSiteId !== undefined && !refs.site(queue.homeSiteId)) {
    throw unknownRef('Site', 'queue.homeSiteId', queue.homeSiteId);
  }
  const seconds = (path: string, v: number | undefined, min = 0): void => {
    if (v !== undefined) checkNumber(path, v, min, 7 * 86_400);
  };
  seconds('queue.maxWaitSeconds', queue.maxWaitSeconds, 1);
  seconds('queue.offerTimeoutSeconds', queue.offerTimeoutSeconds, 1);
  seconds('queue.preferredAgentWaitSeconds', queue.preferredAgentWaitSeconds);
  if (queue.maxSize !== undefined) checkNumber('queue.maxSize', queue.maxSize, 0, 10_000_000, true);
  const wrap = queue.wrapUp;
  if (wrap !== undefined) {
    if (wrap.mode === 'timed') seconds('queue.wrapUp.seconds', wrap.seconds);
    else if (wrap.mode !== 'manual')
      throw invalid('queue.wrapUp.mode', "'timed' or 'manual'", wrap);
  }
  checkOverflow(queue, refs);
  checkSteps(queue, refs);
}

function checkOverflow(queue: QueueConfig, refs: QueueRefs): void {
  const overflow = queue.overflow;
  if (overflow === undefined) return;
  if (overflow.kind === 'queue' || overflow.kind === 'voicemail') {
    if (overflow.queueId === queue.id) {
      throw invalid(
        'queue.overflow.queueId',
        'another queue than the queue itself',
        overflow.queueId,
      );
    }
    if (!refs.queue(overflow.queueId)) {
      throw unknownRef('Queue', 'queue.overflow.queueId', overflow.queueId);
    }
  } else if (overflow.kind !== 'callback' && overflow.kind !== 'disconnect') {
    throw invalid('queue.overflow.kind', 'queue, callback, voicemail or disconnect', overflow);
  }
}

function checkSteps(queue: QueueConfig, refs: QueueRefs): void {
  let previous = 0;
  for (const [i, step] of (queue.steps ?? []).entries()) {
    const path = `queue.steps[${i}]`;
    checkNumber(`${path}.afterSeconds`, step.afterSeconds, 0, 7 * 86_400);
    if (step.afterSeconds <= previous && i > 0) {
      throw invalid(
        `${path}.afterSeconds`,
        `more than the previous step's ${previous}`,
        step.afterSeconds,
      );
    }
    previous = step.afterSeconds;
    if (step.minProficiencyDelta !== undefined) {
      checkNumber(`${path}.minProficiencyDelta`, step.minProficiencyDelta, -9, 9, true);
    }
    if (step.addSkills !== undefined) checkSkills(`${path}.addSkills`, step.addSkills, refs.skill);
    for (const [j, skill] of (step.dropSkills ?? []).entries()) {
      if (!refs.skill(skill)) throw unknownRef('Skill', `${path}.dropSkills[${j}]`, skill);
    }
    if (Array.isArray(step.addSites)) {
      for (const [j, site] of step.addSites.entries()) {
        if (!refs.site(site)) throw unknownRef('Site', `${path}.addSites[${j}]`, site);
      }
    } else if (step.addSites !== undefined && step.addSites !== 'network') {
      throw invalid(`${path}.addSites`, "a list of site ids or 'network'", step.addSites);
    }
    if (step.raisePriority !== undefined) {
      checkNumber(`${path}.raisePriority`, step.raisePriority, -1000, 1000, true);
    }
    if (step.moveToQueue !== undefined) {
      if (step.moveToQueue === queue.id) {
        throw invalid(
          `${path}.moveToQueue`,
          'another queue than the queue itself',
          step.moveToQueue,
        );
      }
      if (!refs.queue(step.moveToQueue)) {
        throw unknownRef('Queue', `${path}.moveToQueue`, step.moveToQueue);
      }
    }
  }
}
