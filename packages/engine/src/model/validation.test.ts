import { describe, expect, it } from 'vitest';
import { Harness, makeAgent, makeContact, makeQueue, makeSite } from '../testing/builders.ts';
import type { Command } from './commands.ts';
import type { QueueConfig, SiteConfig } from './config.ts';
import { EngineError, type EngineErrorCode } from './errors.ts';
import { Engine } from '../engine.ts';

/**
 * A center with contacts in every state:
 * c1 connected to a1, c5 in (manual) wrap-up with a4, c2 ringing at a3, c3 queued (voice),
 * c4 queued (chat, nobody can take chats), c6 a scheduled callback, c7 a callback in line;
 * a2 is logged out and a5 paused.
 */
function world(): Harness {
  const h = new Harness();
  h.queue({ wrapUp: { mode: 'manual' } });
  h.queue({ id: 'q2', skills: { ar: 1 } });
  h.queue({ id: 'qchat', channel: 'chat' });
  h.agent({ id: 'a1' });
  h.arrive({ contactId: 'c1' });
  h.answer('c1');
  h.agent({ id: 'a4' });
  h.arrive({ contactId: 'c5' });
  h.answer('c5');
  h.do({ type: 'end', contactId: 'c5' });
  h.agent({ id: 'a5' });
  h.do({ type: 'pause', agentId: 'a5', reason: 'break' });
  h.agent({ id: 'a2' }, false);
  h.agent({ id: 'a3' });
  h.arrive({ contactId: 'c2' });
  h.arrive({ contactId: 'c3' });
  h.arrive({ contactId: 'c4', queueId: 'qchat' });
  h.arrive({ contactId: 'c6', queueId: 'q2' });
  h.do({ type: 'requestCallback', contactId: 'c6', number: '+212600000006', atMs: 3_600_000 });
  h.arrive({ contactId: 'c7', queueId: 'q2' });
  h.do({ type: 'requestCallback', contactId: 'c7', number: '+212600000007' });
  h.wait(1_000);
  return h;
}

/** Applies a bad command and checks the error and that nothing changed (SPEC ERR1, EVT2). */
function expectRefused(
  h: Harness,
  command: Command,
  code: EngineErrorCode,
  ...mentions: string[]
): EngineError {
  const before = h.engine.inspect();
  const seq = h.engine.seq;
  const result = h.engine.apply(command, h.nowMs);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error).toBeInstanceOf(EngineError);
  expect(result.error.code).toBe(code);
  for (const text of mentions) expect(result.error.message).toContain(text);
  expect(typeof result.error.details).toBe('object');
  expect(Object.keys(result.error.details).length).toBeGreaterThan(0);
  expect(result.events).toEqual([]);
  expect(h.engine.seq).toBe(seq);
  expect(h.engine.inspect()).toEqual(before);
  return result.error;
}

const state = (h: Harness, id: string): string | undefined => h.contact(id)?.state;

describe('ERR1 the world used by these tests', () => {
  it('[ERR1] has contacts in every state the checks rely on', () => {
    const h = world();
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => state(h, `c${n}`))).toEqual([
      'connected',
      'offered',
      'queued',
      'queued',
      'wrapUp',
      'scheduled',
      'queued',
    ]);
    expect(h.engine.agentStatus('a2').state).toBe('loggedOut');
    expect(h.engine.agentStatus('a5').state).toBe('paused');
  });
});

type Case = { name: string; command: Command; code: EngineErrorCode; field: string; id?: string };

const unknownIds: Case[] = [
  {
    name: 'setAgentSkills: unknown agent',
    command: { type: 'setAgentSkills', agentId: 'ghost', skills: { fr: 3 } },
    code: 'UnknownAgent',
    field: 'setAgentSkills.agentId',
    id: 'ghost',
  },
  {
    name: 'setAgentCapacity: unknown agent',
    command: { type: 'setAgentCapacity', agentId: 'ghost', capacity: { chat: 2 } },
    code: 'UnknownAgent',
    field: 'setAgentCapacity.agentId',
    id: 'ghost',
  },
  {
    name: 'login: unknown agent',
    command: { type: 'login', agentId: 'ghost' },
    code: 'UnknownAgent',
    field: 'login.agentId',
    id: 'ghost',
  },
  {
    name: 'logout: unknown agent',
    command: { type: 'logout', agentId: 'ghost' },
    code: 'UnknownAgent',
    field: 'logout.agentId',
    id: 'ghost',
  },
  {
    name: 'pause: unknown agent',
    command: { type: 'pause', agentId: 'ghost', reason: 'break' },
    code: 'UnknownAgent',
    field: 'pause.agentId',
    id: 'ghost',
  },
  {
    name: 'pause: unknown pause code',
    command: { type: 'pause', agentId: 'a3', reason: 'nap' },
    code: 'UnknownPauseCode',
    field: 'pause.reason',
    id: 'nap',
  },
  {
    name: 'makeAvailable: unknown agent',
    command: { type: 'makeAvailable', agentId: 'ghost' },
    code: 'UnknownAgent',
    field: 'makeAvailable.agentId',
    id: 'ghost',
  },
  {
    name: 'arrive: unknown queue',
    command: { type: 'arrive', contact: makeContact({ contactId: 'n1', queueId: 'nowhere' }) },
    code: 'UnknownQueue',
    field: 'contact.queueId',
    id: 'nowhere',
  },
  {
    name: 'arrive: unknown preferred agent',
    command: {
      type: 'arrive',
      contact: makeContact({ contactId: 'n1', preferredAgentId: 'ghost' }),
    },
    code: 'UnknownAgent',
    field: 'contact.preferredAgentId',
    id: 'ghost',
  },
  {
    name: 'arrive: unknown site',
    command: { type: 'arrive', contact: makeContact({ contactId: 'n1', siteId: 'tanger' }) },
    code: 'UnknownSite',
    field: 'contact.siteId',
    id: 'tanger',
  },
  {
    name: 'accept: unknown agent',
    command: { type: 'accept', agentId: 'ghost', contactId: 'c2' },
    code: 'UnknownAgent',
    field: 'accept.agentId',
    id: 'ghost',
  },
  {
    name: 'accept: unknown contact',
    command: { type: 'accept', agentId: 'a3', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'accept.contactId',
    id: 'ghost',
  },
  {
    name: 'decline: unknown agent',
    command: { type: 'decline', agentId: 'ghost', contactId: 'c2' },
    code: 'UnknownAgent',
    field: 'decline.agentId',
    id: 'ghost',
  },
  {
    name: 'decline: unknown contact',
    command: { type: 'decline', agentId: 'a3', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'decline.contactId',
    id: 'ghost',
  },
  {
    name: 'hold: unknown contact',
    command: { type: 'hold', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'hold.contactId',
    id: 'ghost',
  },
  {
    name: 'retrieve: unknown contact',
    command: { type: 'retrieve', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'retrieve.contactId',
    id: 'ghost',
  },
  {
    name: 'end: unknown contact',
    command: { type: 'end', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'end.contactId',
    id: 'ghost',
  },
  {
    name: 'setDisposition: unknown contact',
    command: { type: 'setDisposition', contactId: 'ghost', dispositionId: 'sale' },
    code: 'UnknownContact',
    field: 'setDisposition.contactId',
    id: 'ghost',
  },
  {
    name: 'setDisposition: unknown disposition',
    command: { type: 'setDisposition', contactId: 'c1', dispositionId: 'maybe' },
    code: 'UnknownDisposition',
    field: 'setDisposition.dispositionId',
    id: 'maybe',
  },
  {
    name: 'endWrapUp: unknown contact',
    command: { type: 'endWrapUp', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'endWrapUp.contactId',
    id: 'ghost',
  },
  {
    name: 'abandon: unknown contact',
    command: { type: 'abandon', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'abandon.contactId',
    id: 'ghost',
  },
  {
    name: 'cancel: unknown contact',
    command: { type: 'cancel', contactId: 'ghost' },
    code: 'UnknownContact',
    field: 'cancel.contactId',
    id: 'ghost',
  },
  {
    name: 'transfer: unknown contact',
    command: { type: 'transfer', contactId: 'ghost', to: { queueId: 'q2' } },
    code: 'UnknownContact',
    field: 'transfer.contactId',
    id: 'ghost',
  },
  {
    name: 'transfer: unknown target queue',
    command: { type: 'transfer', contactId: 'c1', to: { queueId: 'nowhere' } },
    code: 'UnknownQueue',
    field: 'transfer.to.queueId',
    id: 'nowhere',
  },
  {
    name: 'transfer: unknown target agent',
    command: { type: 'transfer', contactId: 'c3', to: { agentId: 'ghost' } },
    code: 'UnknownAgent',
    field: 'transfer.to.agentId',
    id: 'ghost',
  },
  {
    name: 'transferOut: unknown contact',
    command: { type: 'transferOut', contactId: 'ghost', destination: '+33100000000' },
    code: 'UnknownContact',
    field: 'transferOut.contactId',
    id: 'ghost',
  },
  {
    name: 'requestCallback: unknown contact',
    command: { type: 'requestCallback', contactId: 'ghost', number: '+212600000000' },
    code: 'UnknownContact',
    field: 'requestCallback.contactId',
    id: 'ghost',
  },
  {
    name: 'configureAgent: unknown site',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', siteId: 'tanger' }) },
    code: 'UnknownSite',
    field: 'agent.siteId',
    id: 'tanger',
  },
  {
    name: 'configureAgent (existing agent): unknown site',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a3', siteId: 'tanger' }) },
    code: 'UnknownSite',
    field: 'agent.siteId',
    id: 'tanger',
  },
];

describe('ERR1 unknown ids, command by command', () => {
  for (const { name, command, code, field, id } of unknownIds) {
    it(`[ERR1] ${name} → ${code} naming ${field}`, () => {
      const h = world();
      const error = expectRefused(h, command, code, field);
      if (id !== undefined) {
        expect(error.message).toContain(id);
        expect(error.details).toMatchObject({ id });
      }
    });
  }

  it('[ERR1] an unknown skill in an agent, a queue or setAgentSkills is refused, naming the field', () => {
    const h = world();
    const bySkills = expectRefused(
      h,
      { type: 'setAgentSkills', agentId: 'a3', skills: { fr: 5, klingon: 3 } },
      'UnknownSkill',
      'setAgentSkills.skills.klingon',
      'configure it first',
    );
    expect(bySkills.details).toMatchObject({ path: 'setAgentSkills.skills.klingon' });
    expectRefused(
      h,
      { type: 'configureAgent', agent: makeAgent({ id: 'a9', skills: { klingon: 3 } }) },
      'UnknownSkill',
      'agent.skills.klingon',
    );
    expectRefused(
      h,
      { type: 'configureQueue', queue: makeQueue({ id: 'q9', skills: { klingon: 3 } }) },
      'UnknownSkill',
      'queue.skills.klingon',
    );
  });

  it('[ERR1] an unknown channel in an arrival or a capacity is refused, naming the field', () => {
    const h = world();
    expectRefused(
      h,
      {
        type: 'arrive',
        contact: { ...makeContact({ contactId: 'n1' }), channel: 'fax' as never },
      },
      'InvalidConfig',
      'contact.channel',
    );
    expectRefused(
      h,
      { type: 'setAgentCapacity', agentId: 'a3', capacity: { fax: 1 } as never },
      'InvalidConfig',
      'setAgentCapacity.capacity.fax',
    );
  });

  it('[ERR1] an unknown command type is refused, naming command.type', () => {
    const h = world();
    expectRefused(h, { type: 'teleport' } as unknown as Command, 'InvalidCommand', 'command.type');
  });

  it('[ERR1] a contact id already in progress is refused as DuplicateContact', () => {
    const h = world();
    for (const id of ['c1', 'c2', 'c3', 'c5', 'c6']) {
      const error = expectRefused(
        h,
        { type: 'arrive', contact: makeContact({ contactId: id }) },
        'DuplicateContact',
        id,
      );
      expect(error.details).toMatchObject({ contactId: id });
    }
  });

  it('[ERR1] errors are EngineError instances with name, code, message and details', () => {
    const h = world();
    const result = h.engine.apply({ type: 'login', agentId: 'ghost' }, h.nowMs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.name).toBe('EngineError');
    expect(result.error.details).toEqual({ id: 'ghost', where: 'login.agentId' });
    expect(() => h.engine.applyOrThrow({ type: 'login', agentId: 'ghost' }, h.nowMs)).toThrow(
      EngineError,
    );
  });
});

const illegal: { name: string; command: Command; mentions: string[]; details?: object }[] = [
  {
    name: 'login of a logged-in agent',
    command: { type: 'login', agentId: 'a3' },
    mentions: ['login', 'reserved'],
    details: { agentId: 'a3' },
  },
  {
    name: 'logout of a logged-out agent',
    command: { type: 'logout', agentId: 'a2' },
    mentions: ['logout', 'loggedOut'],
    details: { agentId: 'a2' },
  },
  {
    name: 'logout with a connected contact',
    command: { type: 'logout', agentId: 'a1' },
    mentions: ['logout', 'busy'],
    details: { agentId: 'a1' },
  },
  {
    name: 'logout with a contact in wrap-up',
    command: { type: 'logout', agentId: 'a4' },
    mentions: ['logout', 'wrapUp'],
    details: { agentId: 'a4' },
  },
  {
    name: 'pause of a logged-out agent',
    command: { type: 'pause', agentId: 'a2', reason: 'break' },
    mentions: ['pause', 'loggedOut'],
  },
  {
    name: 'makeAvailable of a logged-out agent',
    command: { type: 'makeAvailable', agentId: 'a2' },
    mentions: ['makeAvailable', 'loggedOut'],
  },
  {
    name: 'accept by an agent the contact is not offered to',
    command: { type: 'accept', agentId: 'a5', contactId: 'c2' },
    mentions: ['accept', 'a5'],
    details: { contactId: 'c2', offeredTo: 'a3' },
  },
  {
    name: 'accept of a queued contact',
    command: { type: 'accept', agentId: 'a3', contactId: 'c3' },
    mentions: ['accept', 'queued'],
    details: { contactId: 'c3' },
  },
  {
    name: 'accept of a connected contact',
    command: { type: 'accept', agentId: 'a1', contactId: 'c1' },
    mentions: ['accept', 'connected'],
  },
  {
    name: 'decline of a connected contact',
    command: { type: 'decline', agentId: 'a1', contactId: 'c1' },
    mentions: ['decline', 'connected'],
  },
  {
    name: 'hold of a queued contact',
    command: { type: 'hold', contactId: 'c3' },
    mentions: ['hold', 'queued'],
    details: { contactId: 'c3' },
  },
  {
    name: 'hold of a ringing contact',
    command: { type: 'hold', contactId: 'c2' },
    mentions: ['hold', 'offered'],
  },
  {
    name: 'retrieve of a contact not on hold',
    command: { type: 'retrieve', contactId: 'c1' },
    mentions: ['retrieve', 'connected'],
  },
  {
    name: 'end of a queued contact',
    command: { type: 'end', contactId: 'c3' },
    mentions: ['end', 'queued'],
  },
  {
    name: 'end of a contact in wrap-up',
    command: { type: 'end', contactId: 'c5' },
    mentions: ['end', 'wrapUp'],
  },
  {
    name: 'setDisposition of a queued contact',
    command: { type: 'setDisposition', contactId: 'c3', dispositionId: 'sale' },
    mentions: ['setDisposition', 'queued'],
  },
  {
    name: 'setDisposition of a ringing contact',
    command: { type: 'setDisposition', contactId: 'c2', dispositionId: 'sale' },
    mentions: ['setDisposition', 'offered'],
  },
  {
    name: 'endWrapUp of a connected contact',
    command: { type: 'endWrapUp', contactId: 'c1' },
    mentions: ['endWrapUp', 'connected'],
  },
  {
    name: 'abandon of a connected contact',
    command: { type: 'abandon', contactId: 'c1' },
    mentions: ['abandon', 'connected'],
  },
  {
    name: 'abandon of a contact in wrap-up',
    command: { type: 'abandon', contactId: 'c5' },
    mentions: ['abandon', 'wrapUp'],
  },
  {
    name: 'abandon of a callback in line (CBK2)',
    command: { type: 'abandon', contactId: 'c7' },
    mentions: ['abandon', 'callback'],
  },
  {
    name: 'abandon of a scheduled callback (CBK2)',
    command: { type: 'abandon', contactId: 'c6' },
    mentions: ['abandon', 'scheduled'],
  },
  {
    name: 'cancel of a connected contact',
    command: { type: 'cancel', contactId: 'c1' },
    mentions: ['cancel', 'connected'],
  },
  {
    name: 'transfer of a ringing contact',
    command: { type: 'transfer', contactId: 'c2', to: { queueId: 'q2' } },
    mentions: ['transfer', 'offered'],
  },
  {
    name: 'transfer of a contact in wrap-up',
    command: { type: 'transfer', contactId: 'c5', to: { queueId: 'q2' } },
    mentions: ['transfer', 'wrapUp'],
  },
  {
    name: 'transferOut of a contact in wrap-up',
    command: { type: 'transferOut', contactId: 'c5', destination: '+33100000000' },
    mentions: ['transferOut', 'wrapUp'],
  },
  {
    name: 'requestCallback of a connected contact',
    command: { type: 'requestCallback', contactId: 'c1', number: '+212600000001' },
    mentions: ['requestCallback', 'connected'],
  },
  {
    name: 'requestCallback of a ringing contact',
    command: { type: 'requestCallback', contactId: 'c2', number: '+212600000002' },
    mentions: ['requestCallback', 'offered'],
  },
  {
    name: 'requestCallback of a chat contact',
    command: { type: 'requestCallback', contactId: 'c4', number: '+212600000004' },
    mentions: ['requestCallback', 'chat'],
  },
  {
    name: 'requestCallback of a callback',
    command: { type: 'requestCallback', contactId: 'c7', number: '+212600000007' },
    mentions: ['requestCallback', 'callback'],
  },
];

describe('ERR1 illegal transitions', () => {
  for (const { name, command, mentions, details } of illegal) {
    it(`[ERR1] ${name} → IllegalTransition`, () => {
      const h = world();
      const error = expectRefused(h, command, 'IllegalTransition', ...mentions);
      expect(error.details).toHaveProperty('state');
      if (details) expect(error.details).toMatchObject(details);
    });
  }

  it('[ERR1] hold twice and a second endWrapUp are refused', () => {
    const h = world();
    h.do({ type: 'hold', contactId: 'c1' });
    expectRefused(h, { type: 'hold', contactId: 'c1' }, 'IllegalTransition', 'hold');
    h.do({ type: 'endWrapUp', contactId: 'c5' });
    // c5 is completed: it is no longer in progress.
    expectRefused(h, { type: 'endWrapUp', contactId: 'c5' }, 'UnknownContact', 'c5');
  });

  it('[ERR1] an illegal transition names the contact or agent and what the command needs', () => {
    const h = world();
    const hold = h.engine.apply({ type: 'hold', contactId: 'c3' }, h.nowMs);
    const endWrap = h.engine.apply({ type: 'endWrapUp', contactId: 'c1' }, h.nowMs);
    const logout = h.engine.apply({ type: 'logout', agentId: 'a2' }, h.nowMs);
    expect(hold.ok || endWrap.ok || logout.ok).toBe(false);
    if (hold.ok || endWrap.ok || logout.ok) return;
    // ERR1: "a message naming the field and what was expected".
    expect.soft(hold.error.message).toContain('c3');
    expect.soft(hold.error.message).toContain('connected');
    expect.soft(endWrap.error.message).toContain('c1');
    expect.soft(endWrap.error.message).toContain('wrapUp');
    expect.soft(logout.error.message).toContain('a2');
  });
});

const site = (overrides: Partial<SiteConfig>): Command => ({
  type: 'configureSite',
  site: makeSite({ id: 'tanger', city: 'Tanger', ...overrides }),
});
const queue = (overrides: Partial<QueueConfig>): Command => ({
  type: 'configureQueue',
  queue: makeQueue({ id: 'q9', ...overrides }),
});

const invalidConfigs: { name: string; command: Command; path: string; code?: EngineErrorCode }[] = [
  { name: 'site id empty', command: site({ id: '' }), path: 'site.id' },
  { name: 'site city empty', command: site({ city: '' }), path: 'site.city' },
  {
    name: 'site time zone not an IANA name',
    command: site({ timeZone: 'Mars/Olympus' }),
    path: 'site.timeZone',
  },
  {
    name: 'site time zone an offset, not an IANA name',
    command: site({ timeZone: '+01:00' }),
    path: 'site.timeZone',
  },
  {
    name: 'site time zone missing',
    command: site({ timeZone: undefined as unknown as string }),
    path: 'site.timeZone',
  },
  { name: 'site positions negative', command: site({ positions: -1 }), path: 'site.positions' },
  { name: 'site positions fractional', command: site({ positions: 2.5 }), path: 'site.positions' },
  {
    name: 'skill id empty',
    command: { type: 'configureSkill', skill: { id: '' } },
    path: 'skill.id',
  },
  {
    name: 'skill kind unknown',
    command: { type: 'configureSkill', skill: { id: 'de', kind: 'dialect' as never } },
    path: 'skill.kind',
  },
  {
    name: 'pause code id empty',
    command: { type: 'configurePauseCode', pauseCode: { id: '', label: 'x' } },
    path: 'pauseCode.id',
  },
  {
    name: 'pause code label empty',
    command: { type: 'configurePauseCode', pauseCode: { id: 'meeting', label: ' ' } },
    path: 'pauseCode.label',
  },
  {
    name: 'disposition id empty',
    command: { type: 'configureDisposition', disposition: { id: '', label: 'x' } },
    path: 'disposition.id',
  },
  {
    name: 'disposition label empty',
    command: { type: 'configureDisposition', disposition: { id: 'later', label: '' } },
    path: 'disposition.label',
  },
  {
    name: 'agent id empty',
    command: { type: 'configureAgent', agent: makeAgent({ id: '' }) },
    path: 'agent.id',
  },
  {
    name: 'agent proficiency 0',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', skills: { fr: 0 } }) },
    path: 'agent.skills.fr',
  },
  {
    name: 'agent proficiency 11',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', skills: { fr: 11 } }) },
    path: 'agent.skills.fr',
  },
  {
    name: 'agent proficiency not an integer',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', skills: { fr: 2.5 } }) },
    path: 'agent.skills.fr',
  },
  {
    name: 'agent capacity above 100',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', capacity: { chat: 101 } }) },
    path: 'agent.capacity.chat',
  },
  {
    name: 'agent capacity negative',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', capacity: { voice: -1 } }) },
    path: 'agent.capacity.voice',
  },
  {
    name: 'agent capacity fractional',
    command: { type: 'configureAgent', agent: makeAgent({ id: 'a9', capacity: { email: 1.5 } }) },
    path: 'agent.capacity.email',
  },
  {
    name: 'setAgentSkills proficiency 11',
    command: { type: 'setAgentSkills', agentId: 'a3', skills: { fr: 11 } },
    path: 'setAgentSkills.skills.fr',
  },
  {
    name: 'setAgentCapacity above 100',
    command: { type: 'setAgentCapacity', agentId: 'a3', capacity: { chat: 1000 } },
    path: 'setAgentCapacity.capacity.chat',
  },
  { name: 'queue id empty', command: queue({ id: '' }), path: 'queue.id' },
  {
    name: 'queue channel unknown',
    command: queue({ channel: 'fax' as never }),
    path: 'queue.channel',
  },
  {
    name: 'queue minimum proficiency 0',
    command: queue({ skills: { fr: 0 } }),
    path: 'queue.skills.fr',
  },
  {
    name: 'queue minimum proficiency 11',
    command: queue({ skills: { fr: 11 } }),
    path: 'queue.skills.fr',
  },
  {
    name: 'queue strategy unknown',
    command: queue({ strategy: 'random' as never }),
    path: 'queue.strategy',
  },
  {
    name: 'queue site unknown',
    command: queue({ sites: ['tanger'] }),
    path: 'queue.sites[0]',
    code: 'UnknownSite',
  },
  {
    name: 'queue home site unknown',
    command: queue({ homeSiteId: 'tanger' }),
    path: 'queue.homeSiteId',
    code: 'UnknownSite',
  },
  {
    name: 'queue service level target above 1',
    command: queue({ serviceLevel: { thresholdSeconds: 20, target: 1.5 } }),
    path: 'queue.serviceLevel.target',
  },
  {
    name: 'queue service level formula unknown',
    command: queue({
      serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'vibes' as never },
    }),
    path: 'queue.serviceLevel.formula',
  },
  { name: 'queue max wait 0', command: queue({ maxWaitSeconds: 0 }), path: 'queue.maxWaitSeconds' },
  {
    name: 'queue offer timeout 0',
    command: queue({ offerTimeoutSeconds: 0 }),
    path: 'queue.offerTimeoutSeconds',
  },
  { name: 'queue max size negative', command: queue({ maxSize: -1 }), path: 'queue.maxSize' },
  {
    name: 'queue wrap-up mode unknown',
    command: queue({ wrapUp: { mode: 'forever' } as never }),
    path: 'queue.wrapUp.mode',
  },
  {
    name: 'queue overflow to itself',
    command: queue({ overflow: { kind: 'queue', queueId: 'q9' } }),
    path: 'queue.overflow.queueId',
  },
  {
    name: 'queue overflow to an unknown queue',
    command: queue({ overflow: { kind: 'queue', queueId: 'nowhere' } }),
    path: 'queue.overflow.queueId',
    code: 'UnknownQueue',
  },
  {
    name: 'queue voicemail to an unknown queue',
    command: queue({ overflow: { kind: 'voicemail', queueId: 'nowhere' } }),
    path: 'queue.overflow.queueId',
    code: 'UnknownQueue',
  },
  {
    name: 'queue overflow kind unknown',
    command: queue({ overflow: { kind: 'pray' } as never }),
    path: 'queue.overflow.kind',
  },
  {
    name: 'steps with equal afterSeconds',
    command: queue({ steps: [{ afterSeconds: 10 }, { afterSeconds: 10 }] }),
    path: 'queue.steps[1].afterSeconds',
  },
  {
    name: 'steps in decreasing afterSeconds',
    command: queue({ steps: [{ afterSeconds: 20 }, { afterSeconds: 10 }] }),
    path: 'queue.steps[1].afterSeconds',
  },
  {
    name: 'step at a negative age',
    command: queue({ steps: [{ afterSeconds: -5 }] }),
    path: 'queue.steps[0].afterSeconds',
  },
  {
    name: 'step adding an unknown skill',
    command: queue({ steps: [{ afterSeconds: 10, addSkills: { klingon: 2 } }] }),
    path: 'queue.steps[0].addSkills.klingon',
    code: 'UnknownSkill',
  },
  {
    name: 'step adding a skill at proficiency 11',
    command: queue({ steps: [{ afterSeconds: 10, addSkills: { ar: 11 } }] }),
    path: 'queue.steps[0].addSkills.ar',
  },
  {
    name: 'step dropping an unknown skill',
    command: queue({ steps: [{ afterSeconds: 10, dropSkills: ['klingon'] }] }),
    path: 'queue.steps[0].dropSkills[0]',
    code: 'UnknownSkill',
  },
  {
    name: 'step adding an unknown site',
    command: queue({ steps: [{ afterSeconds: 10, addSites: ['tanger'] }] }),
    path: 'queue.steps[0].addSites[0]',
    code: 'UnknownSite',
  },
  {
    name: 'step moving to itself',
    command: queue({ steps: [{ afterSeconds: 10, moveToQueue: 'q9' }] }),
    path: 'queue.steps[0].moveToQueue',
  },
  {
    name: 'step moving to an unknown queue',
    command: queue({ steps: [{ afterSeconds: 10, moveToQueue: 'nowhere' }] }),
    path: 'queue.steps[0].moveToQueue',
    code: 'UnknownQueue',
  },
  {
    name: 'step delta of proficiency out of range',
    command: queue({ steps: [{ afterSeconds: 10, minProficiencyDelta: 10 }] }),
    path: 'queue.steps[0].minProficiencyDelta',
  },
  {
    name: 'arrival with an empty contact id',
    command: { type: 'arrive', contact: makeContact({ contactId: '' }) },
    path: 'contact.contactId',
  },
  {
    name: 'arrival with a fractional priority',
    command: { type: 'arrive', contact: makeContact({ contactId: 'n1', priority: 1.5 }) },
    path: 'contact.priority',
  },
  {
    name: 'arrival with a negative preferred wait',
    command: {
      type: 'arrive',
      contact: makeContact({ contactId: 'n1', preferredAgentId: 'a3', preferredWaitSeconds: -1 }),
    },
    path: 'contact.preferredWaitSeconds',
  },
  {
    name: 'arrival with a non-string attribute',
    command: {
      type: 'arrive',
      contact: makeContact({ contactId: 'n1', attributes: { vip: true as never } }),
    },
    path: 'contact.attributes.vip',
  },
  {
    name: 'callback at a time not after now',
    command: { type: 'requestCallback', contactId: 'c3', number: '+212600000003', atMs: 0 },
    path: 'requestCallback.atMs',
  },
  {
    name: 'callback with an empty number',
    command: { type: 'requestCallback', contactId: 'c3', number: '' },
    path: 'requestCallback.number',
  },
  {
    name: 'transferOut with an empty destination',
    command: { type: 'transferOut', contactId: 'c1', destination: '' },
    path: 'transferOut.destination',
  },
];

describe('ERR2 configuration and command arguments are validated', () => {
  for (const { name, command, path, code = 'InvalidConfig' } of invalidConfigs) {
    it(`[ERR2] ${name} → ${code} naming ${path}`, () => {
      const h = world();
      // A reference to something not configured says so; any other bad value says what was expected.
      const hint = code === 'InvalidConfig' ? 'expected' : 'configure it first';
      const error = expectRefused(h, command, code, path, hint);
      expect(error.details).toMatchObject({ path });
      if (code === 'InvalidConfig') expect(error.details).toHaveProperty('expected');
    });
  }

  it('[ERR2] boundary values are accepted: proficiency 1 and 10, capacity 0 and 100, a step at 0 s', () => {
    const h = new Harness();
    h.do({ type: 'configureAgent', agent: makeAgent({ id: 'lo', skills: { fr: 1, ar: 10 } }) });
    h.do({
      type: 'configureAgent',
      agent: makeAgent({ id: 'hi', capacity: { voice: 0, chat: 100 } }),
    });
    h.do({ type: 'configureQueue', queue: makeQueue({ id: 'qa', skills: { fr: 1, ar: 10 } }) });
    h.do({
      type: 'configureQueue',
      queue: makeQueue({ id: 'qb', steps: [{ afterSeconds: 0 }, { afterSeconds: 1 }] }),
    });
    h.do({ type: 'configureSite', site: makeSite({ id: 'paris', timeZone: 'Europe/Paris' }) });
    expect(h.engine.inspect().agents.map((a) => a.id)).toEqual(['hi', 'lo']);
  });

  it('[ERR2] a step may target a queue configured earlier, and overflow another queue', () => {
    const h = new Harness();
    h.queue({ id: 'q2' });
    h.queue({
      id: 'q1',
      steps: [{ afterSeconds: 10, moveToQueue: 'q2' }],
      overflow: { kind: 'queue', queueId: 'q2' },
    });
    expect(h.of('queueConfigured').map((e) => e.queue.id)).toEqual(['q2', 'q1']);
  });

  it('[ERR2] a refused queue reconfiguration leaves the queue as it was', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    const result = h.attempt({
      type: 'configureQueue',
      queue: makeQueue({ skills: { ar: 1 }, steps: [{ afterSeconds: 5 }, { afterSeconds: 1 }] }),
    });
    expect(result.ok).toBe(false);
    // Still the old requirements (fr:1): a1 (fr only) is offered the contact.
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1');
  });

  it('[ERR2] a refused agent reconfiguration leaves the agent as it was', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 } });
    h.agent({ id: 'a1', skills: { ar: 3 } });
    const result = h.attempt({
      type: 'configureAgent',
      agent: makeAgent({ id: 'a1', skills: { fr: 3 }, capacity: { voice: 500 } }),
    });
    expect(result.ok).toBe(false);
    const skills = h.attempt({ type: 'setAgentSkills', agentId: 'a1', skills: { ar: 0 } });
    expect(skills.ok).toBe(false);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1');
  });
});

describe('ERR1 a refused command and the clock', () => {
  const world = (): Engine => {
    const engine = new Engine();
    engine.applyOrThrow(
      {
        type: 'configureSite',
        site: { id: 's', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 1 },
      },
      0,
    );
    engine.applyOrThrow({ type: 'configureSkill', skill: { id: 'fr' } }, 0);
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: { id: 'q', clientId: 'c', channel: 'voice', skills: { fr: 1 }, maxWaitSeconds: 60 },
      },
      0,
    );
    return engine;
  };

  it('[ERR1] leaves the clock where it was when no timer came due', () => {
    const engine = world();
    const result = engine.apply({ type: 'login', agentId: 'ghost' }, 5_000);
    expect(result.ok).toBe(false);
    expect(engine.nowMs).toBe(0);
  });

  it('[ERR1] still runs the timers that came due, and returns their events with the error', () => {
    const engine = world();
    engine.applyOrThrow({ type: 'arrive', contact: { contactId: 'c1', queueId: 'q' } }, 1_000);
    const result = engine.apply({ type: 'login', agentId: 'ghost' }, 120_000);
    expect(result.ok).toBe(false);
    expect(result.events.map((e) => e.type)).toContain('contactExpired');
    expect(engine.nowMs).toBe(120_000);
  });
});
