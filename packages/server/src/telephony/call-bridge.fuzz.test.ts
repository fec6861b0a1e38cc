// Seeded fuzz of the bridge against the real engine (server harness, SQLite): random calls,
// hang-ups, answers and failures from a scripted stand-in for the B2BUA, holds from the agent's
// phone and from the desktop. Whatever the order, a call and its contact never disagree: a
// connected contact is held exactly when its call is on hold, and once every call has ended,
// every contact that arrived is abandoned, cancelled or ended, and the bridge holds nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '@relais/engine';
import { CallControlError, type CallControl, type CallEvent } from '@relais/telephony';
import { seededRandom } from '@relais/telephony/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import { CallBridge } from './call-bridge.ts';
import { PhoneBook } from './phone-book.ts';
import { TelephonyMetrics } from './telephony-metrics.ts';

type Phase = 'offered' | 'queued' | 'ringing' | 'bridged' | 'ended';
interface Scripted {
  phase: Phase;
  agent?: string;
  /** Who keeps a bridged call on hold: the server (`hold`) or the agent's phone (re-INVITE). */
  held?: 'server' | 'phone';
  /** The agent's phone refuses the re-INVITE of `resume`: the caller stays on hold. */
  refusesResume?: boolean;
}

/** The B2BUA's behaviour as the port promises it, with events delivered on a later turn. */
class ScriptedCalls implements CallControl {
  readonly calls = new Map<string, Scripted>();
  bridge!: CallBridge;

  emit(event: CallEvent): void {
    setImmediate(() => this.bridge.onCallEvent(event));
  }
  private get(callId: string, phases: Phase[]): Scripted {
    const call = this.calls.get(callId);
    if (call === undefined) throw new CallControlError('unknown-call', callId);
    if (!phases.includes(call.phase)) throw new CallControlError('wrong-state', call.phase);
    return call;
  }
  end(callId: string): void {
    const call = this.calls.get(callId);
    if (call === undefined || call.phase === 'ended') return;
    if (call.phase === 'ringing')
      this.emit({
        type: 'agent-failed',
        callId,
        legId: 'l',
        agentId: call.agent ?? '',
        reason: 'cancelled',
      });
    call.phase = 'ended';
    this.emit({ type: 'call-ended', callId });
  }
  answer(callId: string): Promise<void> {
    this.get(callId, ['offered']).phase = 'queued';
    return Promise.resolve();
  }
  reject(callId: string): Promise<void> {
    this.get(callId, ['offered']);
    this.end(callId);
    return Promise.resolve();
  }
  ringAgent(callId: string, agentId: string): Promise<string> {
    const call = this.get(callId, ['queued']);
    call.phase = 'ringing';
    call.agent = agentId;
    return Promise.resolve('leg');
  }
  cancelAgent(callId: string): Promise<void> {
    const call = this.get(callId, ['ringing']);
    call.phase = 'queued';
    this.emit({
      type: 'agent-failed',
      callId,
      legId: 'l',
      agentId: call.agent ?? '',
      reason: 'cancelled',
    });
    return Promise.resolve();
  }
  releaseAgent(callId: string): Promise<void> {
    const call = this.get(callId, ['bridged']);
    call.phase = 'queued';
    delete call.held;
    return Promise.resolve();
  }
  announce(callId: string): Promise<{ durationMs?: number }> {
    this.get(callId, ['queued', 'ringing']);
    return Promise.resolve({ durationMs: 0 });
  }
  playMusic(callId: string): Promise<void> {
    this.get(callId, ['queued', 'ringing']);
    return Promise.resolve();
  }
  transferToAgent(): Promise<string> {
    return Promise.reject(new Error('not used by the bridge'));
  }
  hold(callId: string): Promise<void> {
    const call = this.get(callId, ['bridged']);
    // Held by the phone already: the server's hold takes it over (B2B18).
    if (call.held === 'server') throw new CallControlError('wrong-state', 'on-hold');
    call.held = 'server';
    return Promise.resolve();
  }
  resume(callId: string): Promise<void> {
    const call = this.get(callId, ['bridged']);
    if (call.held === undefined || call.refusesResume === true)
      throw new CallControlError('wrong-state', 'the phone refused the re-INVITE');
    delete call.held;
    return Promise.resolve();
  }
  hangUp(callId: string): Promise<void> {
    this.get(callId, ['offered', 'queued', 'ringing', 'bridged']);
    this.end(callId);
    return Promise.resolve();
  }
}

let h: Harness;
let admin: Caller & { tenantId: string };
const AGENTS = ['f1', 'f2', 'f3'];

beforeAll(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('fuzz');
  await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('support', 'acme', { phoneNumbers: ['800100'], wrapUp: { mode: 'timed', seconds: 0 } }),
  );
  // Calls to 800200 go through a voice menu first (VOICE1-VOICE3): keys come as dtmf events.
  const prompt = join(await mkdtemp(join(tmpdir(), 'relais-fuzz-')), 'menu.wav');
  await writeFile(prompt, 'RIFF');
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('menu', 'acme', {
      phoneNumbers: ['800200'],
      voiceMenu: {
        promptFile: prompt,
        choices: [{ digit: '1', queueId: 'support' }],
        timeoutSeconds: 1,
        attempts: 2,
        onFailure: 'hang-up',
      },
    }),
  );
  for (const id of AGENTS) {
    await h.ok(admin, 'POST', '/api/v1/agents', agent(id, 'rabat'));
    await h.ok(admin, 'POST', `/api/v1/agents/${id}/login`, {});
    await h.ok(admin, 'PUT', `/api/v1/agents/${id}/state`, { state: 'available' });
  }
});
afterAll(async () => {
  await h?.stop();
});

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the call bridge, fuzzed', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    '[TEL4][TEL5][TEL14][TEL24][TEL25][VOICE1][VOICE3] seed %i: 25 random calls with holds; every contact ends with its call, held exactly when it is',
    async (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const calls = new ScriptedCalls();
      const book = new PhoneBook();
      await book.load(h.store);
      const warnings: string[] = [];
      const bridge = new CallBridge(
        calls,
        h.server.context.tenants,
        book,
        new TelephonyMetrics(
          new Registry(),
          () => 0,
          () => 0,
        ),
        {
          warn: (details, message) => {
            if (message === 'call step failed' || message.startsWith('could not'))
              warnings.push(`${message}: ${String((details as { err?: unknown }).err)}`);
          },
        },
      );
      calls.bridge = bridge;
      const arrived = new Set<string>();
      const menuCalls = new Set<string>();
      let chosenInMenu = 0;
      const finished = new Set<string>();
      /** Each contact's state as its events tell: `held` between contactHeld and contactRetrieved. */
      const engineState = new Map<string, string>();
      let phoneHoldsHeard = 0;
      /** An engine command the contact's moves made illegal meanwhile. */
      const movedOn = (error: unknown): void => {
        if (!(error instanceof EngineError)) throw error;
      };
      const stop = (await h.server.context.tenants.get(admin.tenantId)).subscribe((events) => {
        for (const event of events) {
          const id = (event.body as { contactId?: string }).contactId;
          if (id === undefined || !id.startsWith('call-')) continue;
          if (event.type === 'contactArrived') arrived.add(id);
          if (event.type === 'contactArrived' && menuCalls.has(bridge.callOf(id) ?? ''))
            chosenInMenu++;
          if (['contactAbandoned', 'contactCancelled', 'contactEnded'].includes(event.type))
            finished.add(id);
          const held = { contactHeld: 'held', contactRetrieved: 'connected' }[event.type];
          engineState.set(id, held ?? (event.type === 'contactConnected' ? 'connected' : 'other'));
          const call = calls.calls.get(bridge.callOf(id) ?? '');
          if (event.type === 'contactHeld' && call?.held === 'phone') phoneHoldsHeard++;
        }
      });
      const runtime = await h.server.context.tenants.get(admin.tenantId);
      /** Bridged calls whose connected contact disagrees on hold with the call, once settled. */
      const disagreements = async (): Promise<string[]> => {
        const now = () =>
          [...calls.calls.entries()].flatMap(([callId, call]) => {
            const state = engineState.get(bridge.contactOf(callId) ?? '');
            if (call.phase !== 'bridged' || (state !== 'held' && state !== 'connected')) return [];
            return (state === 'held') === (call.held !== undefined)
              ? []
              : [`${callId}: contact ${state}, call held by ${call.held ?? 'nobody'}`];
          });
        for (let i = 0; i < 200 && now().length > 0; i++) await turn();
        return now();
      };
      /** The agent's phone (re-INVITE), the desktop (engine command) or the caller's phone. */
      const holdSomehow = async (callId: string, call: Scripted): Promise<void> => {
        const contactId = bridge.contactOf(callId) ?? '';
        const how = pick(['phone', 'phone', 'desktop', 'caller'] as const);
        if (how === 'phone' && call.held === undefined) {
          call.held = 'phone';
          call.refusesResume = random() < 0.2;
          calls.emit({ type: 'phone-hold', callId, leg: 'agent', held: true });
        } else if (how === 'phone' && call.held === 'phone') {
          delete call.held;
          calls.emit({ type: 'phone-hold', callId, leg: 'agent', held: false });
        } else if (how === 'desktop') {
          const held = engineState.get(contactId) === 'held';
          await runtime.execute({ type: held ? 'retrieve' : 'hold', contactId }).catch(movedOn);
        } else if (how === 'caller') {
          calls.emit({ type: 'phone-hold', callId, leg: 'caller', held: random() < 0.5 });
        }
        // A phone's hold while the server holds is answered by the B2BUA with no event (B2B18).
      };
      let made = 0;
      for (let step = 0; step < 200; step++) {
        const live = [...calls.calls.entries()].filter(([, c]) => c.phase !== 'ended');
        const roll = random();
        if (made < 25 && (roll < 0.25 || live.length === 0)) {
          const callId = `fz${seed}-${++made}`;
          calls.calls.set(callId, { phase: 'offered' });
          const did = pick(['800999', '800100', '800100', '800100', '800200', '800200']);
          if (did === '800200') menuCalls.add(callId);
          bridge.onCallEvent({ type: 'inbound', callId, did, from: 'sip:c@x' });
        } else if (live.length > 0) {
          const [callId, call] = pick(live);
          const agentId = call.agent ?? '';
          if (call.phase === 'queued' && roll < (menuCalls.has(callId) ? 0.5 : 0.1)) {
            calls.emit({ type: 'dtmf', callId, leg: 'caller', digit: pick(['1', '1', '9']) });
          } else if (call.phase === 'ringing' && roll < 0.35) {
            // Accepted on the desktop while the phone rings, sometimes held there at once.
            const contactId = bridge.contactOf(callId) ?? '';
            await runtime
              .execute({ type: 'accept', agentId: agentId.split('|')[1] ?? '', contactId })
              .catch(movedOn);
            if (random() < 0.5) await runtime.execute({ type: 'hold', contactId }).catch(movedOn);
          } else if (call.phase === 'ringing' && roll < 0.6) {
            call.phase = 'bridged';
            calls.emit({ type: 'agent-answered', callId, legId: 'l', agentId });
          } else if (call.phase === 'ringing' && roll < 0.75) {
            call.phase = 'queued';
            calls.emit({
              type: 'agent-failed',
              callId,
              legId: 'l',
              agentId,
              reason: pick(['busy', 'declined', 'no-answer', 'unreachable'] as const),
            });
          } else if (call.phase === 'bridged' && roll < 0.55) {
            await holdSomehow(callId, call);
          } else if (call.phase === 'bridged' && roll < 0.7) {
            call.phase = 'ended';
            calls.emit({ type: 'agent-hung-up', callId, legId: 'l', agentId });
            calls.emit({ type: 'call-ended', callId });
          } else if (roll > 0.85 && call.phase !== 'offered') {
            const phase =
              call.phase === 'ringing'
                ? 'ringing-agent'
                : call.phase === 'bridged'
                  ? 'bridged'
                  : 'queued';
            if (call.phase === 'ringing')
              calls.emit({
                type: 'agent-failed',
                callId,
                legId: 'l',
                agentId,
                reason: 'cancelled',
              });
            call.phase = 'ended';
            calls.emit({ type: 'caller-hung-up', callId, phase });
            calls.emit({ type: 'call-ended', callId });
          }
        }
        await turn();
        if (step % 10 === 9) expect(await disagreements()).toEqual([]);
      }
      expect(await disagreements()).toEqual([]);
      expect(phoneHoldsHeard).toBeGreaterThan(0); // some phones' holds reached the engine
      // Every caller still there hangs up; the bridge must be left with nothing.
      for (const [callId, call] of calls.calls) {
        if (call.phase === 'ended' || call.phase === 'offered') continue;
        const phase =
          call.phase === 'ringing'
            ? 'ringing-agent'
            : call.phase === 'bridged'
              ? 'bridged'
              : 'queued';
        call.phase = 'ended';
        calls.emit({ type: 'caller-hung-up', callId, phase });
        calls.emit({ type: 'call-ended', callId });
      }
      for (
        let i = 0;
        i < 400 && (bridge.size > 0 || [...arrived].some((id) => !finished.has(id)));
        i++
      )
        await turn();
      stop();
      expect(bridge.size).toBe(0);
      expect([...arrived].filter((id) => !finished.has(id))).toEqual([]);
      expect(arrived.size).toBeGreaterThan(5);
      expect(chosenInMenu).toBeGreaterThan(0); // some callers chose their queue by a key
      expect(warnings).toEqual([]);
    },
    60_000,
  );
});
