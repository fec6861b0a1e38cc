// One outbound campaign day on the real engine and the real dialer runtime (SIMO2): agents log in
// and out by their shifts, the runtime paces and dials, the simulated called party answers, agents
// talk, record a disposition and wrap up. Every figure comes from the events.
import {
  CampaignRuntime,
  TenantHistory,
  campaignFigures,
  type CampaignFigures,
  type CampaignSettings,
  type DispositionFlag,
  type EngineLink,
  type HostAction,
  type Lead,
  type RuntimeEvent,
  type RuntimeOutput,
} from '@relais/dialer';
import { Engine, type Command, type EngineEvent } from '@relais/engine';
import { ActionQueue } from '../run/action-queue.ts';
import { CalledParty, type CalledPartySpec } from './called-party.ts';

export interface OutboundRun {
  readonly settings: CampaignSettings;
  readonly leads: readonly Lead[];
  readonly agents: number;
  /** Epoch ms spans during which every agent is logged in. */
  readonly shifts: readonly { readonly startMs: number; readonly endMs: number }[];
  readonly calledParty: CalledPartySpec;
  readonly seed: number;
  /** Progress 0..1 over the day, for a bar on a terminal. */
  readonly onProgress?: (fraction: number) => void;
  /** Every runtime event, as a store would write it. */
  readonly onRuntimeEvent?: (event: RuntimeEvent) => void;
}

export interface OutboundResult {
  readonly placed: number;
  readonly answeredHuman: number;
  readonly answeringMachine: number;
  readonly dropped: number;
  /** Dropped / answered by a person over the whole run. */
  readonly abandonRate: number;
  /** The highest rate of the regulator's window, looked at every minute of the run. */
  readonly maxWindowAbandonRate: number;
  /** Answers in the window when that highest rate was seen. */
  readonly maxWindowAnswered: number;
  readonly talkSeconds: number;
  readonly loggedInSeconds: number;
  /** Talk time / logged-in time. */
  readonly talkShare: number;
  readonly gateChecks: number;
  readonly figures: CampaignFigures;
}

const END_OF_SHIFT = 'end-of-shift';
const TICK_MS = 1_000;
// Kinds of future actions.
const CALL_RESULT = 0;
const TALK_END = 1;
const WRAP_END = 2;
const LOGIN = 3;
const SHIFT_END = 4;
const TICK = 5;

interface SimCall {
  readonly id: string;
  result: ReturnType<CalledParty['call']>['result'];
}

export function simulateCampaign(run: OutboundRun): OutboundResult {
  const { settings, shifts } = run;
  const firstMs = Math.min(...shifts.map((s) => s.startMs));
  const lastMs = Math.max(...shifts.map((s) => s.endMs));
  const engine = new Engine();
  const party = new CalledParty(run.calledParty, run.seed, settings.id);
  const actions = new ActionQueue();
  const calls: SimCall[] = [];
  const callIndex = new Map<string, number>();
  const agentIds = Array.from({ length: run.agents }, (_, i) => `${settings.id}-agent-${i + 1}`);
  const loginSince = new Map<string, number>();
  let now = firstMs - 60_000;
  let loggedInMs = 0;
  let talkMs = 0;
  let maxWindowRate = 0;
  let maxWindowAnswered = 0;

  // Engine time is epoch ms: the runtime's gate reads the same instants.
  const seeEngine = (events: readonly EngineEvent[]): void => {
    for (const e of events) {
      if (e.type === 'agentStateChanged') {
        if (e.from === 'loggedOut') loginSince.set(e.agentId, e.atMs);
        if (e.to === 'loggedOut') {
          loggedInMs += e.atMs - (loginSince.get(e.agentId) ?? e.atMs);
          loginSince.delete(e.agentId);
        }
        if (e.to === 'paused' && e.reason === END_OF_SHIFT) followUps.push(e.agentId);
      } else if (e.type === 'contactEnded') {
        talkMs += e.talkMs;
      }
    }
  };
  const followUps: string[] = [];
  const link: EngineLink = {
    apply(command: Command) {
      const result = engine.apply(command, now);
      if (!result.ok) {
        throw new Error(
          `simulator bug: the engine refused ${command.type}: ${result.error.message}`,
        );
      }
      seeEngine(result.events);
      return result.events;
    },
    agents(queueId) {
      const status = engine.queueStatus(queueId);
      return { loggedIn: status.eligibleAgents, available: status.availableAgents };
    },
  };
  const runtime = new CampaignRuntime(settings, run.leads, new TenantHistory(), link);
  const dispositionFor = new Map<DispositionFlag, string>();
  for (const d of settings.dispositions)
    if (!dispositionFor.has(d.flag)) dispositionFor.set(d.flag, d.id);

  const handle = (output: RuntimeOutput): void => {
    for (const action of output.actions) act(action);
    for (const event of output.events) note(event);
  };
  const host = (command: Command): void => handle(runtime.observe(link.apply(command), now));
  const act = (action: HostAction): void => {
    if (action.type !== 'dial') return; // a drop's message needs nothing simulated
    const call = party.call(action.ringTimeoutMs);
    const index = calls.length;
    calls.push({ id: action.callId, result: call.result });
    callIndex.set(action.callId, index);
    actions.push(now + call.afterMs, CALL_RESULT, index);
  };
  const note = (event: RuntimeEvent): void => {
    run.onRuntimeEvent?.(event);
    if (event.type === 'attemptOutcome' && event.outcome === 'answered') {
      const index = callIndex.get(event.callId) ?? -1;
      actions.push(now + party.talkMs(), TALK_END, index);
    }
  };

  for (const command of network(settings.queueId, agentIds)) link.apply(command);
  for (const shift of shifts) {
    for (let a = 0; a < agentIds.length; a++) {
      actions.push(shift.startMs, LOGIN, a);
      actions.push(shift.endMs, SHIFT_END, a);
    }
  }
  for (let t = firstMs; t <= lastMs; t += TICK_MS) actions.push(t, TICK, 0);
  handle(runtime.setState('running', now));

  let minute = Math.floor(firstMs / 60_000);
  while (actions.pop()) {
    const at = actions.poppedAtMs;
    const ref = actions.poppedRef;
    if (at > now) {
      now = at;
      const fired = engine.advance(now);
      seeEngine(fired);
      handle(runtime.observe(fired, now));
    }
    switch (actions.poppedKind) {
      case CALL_RESULT: {
        const call = calls[ref] as SimCall;
        handle(runtime.callResult(call.id, call.result, now));
        if (call.result === 'person') actions.push(now + 2_000, TICK, 0);
        break;
      }
      case TALK_END: {
        const call = calls[ref] as SimCall;
        host({ type: 'end', contactId: call.id });
        const flag = party.dispositionFlag();
        const id = flag === null ? undefined : dispositionFor.get(flag);
        if (id !== undefined) {
          const callbackAtMs = flag === 'callback' ? now + 24 * 3_600_000 : undefined;
          handle(
            runtime.dispose(call.id, id, now, callbackAtMs === undefined ? {} : { callbackAtMs }),
          );
        }
        actions.push(now + party.wrapMs(), WRAP_END, ref);
        break;
      }
      case WRAP_END:
        host({ type: 'endWrapUp', contactId: (calls[ref] as SimCall).id });
        break;
      case LOGIN: {
        const id = agentIds[ref] as string;
        const state = engine.agentStatus(id).state;
        host(
          state === 'loggedOut'
            ? { type: 'login', agentId: id }
            : { type: 'makeAvailable', agentId: id },
        );
        break;
      }
      case SHIFT_END: {
        const id = agentIds[ref] as string;
        if (engine.agentStatus(id).state !== 'loggedOut') {
          host({ type: 'pause', agentId: id, reason: END_OF_SHIFT });
        }
        break;
      }
      case TICK:
        break;
    }
    while (followUps.length > 0) host({ type: 'logout', agentId: followUps.shift() as string });
    handle(runtime.tick(now));
    const nowMinute = Math.floor(now / 60_000);
    if (nowMinute > minute) {
      minute = nowMinute;
      const window = runtime.ledger.window(now);
      if (window.rate >= maxWindowRate) {
        maxWindowRate = window.rate;
        maxWindowAnswered = window.answered;
      }
      run.onProgress?.(Math.min(1, (now - firstMs) / (lastMs - firstMs)));
    }
  }
  for (const [, since] of loginSince) loggedInMs += now - since;
  const figures = campaignFigures(runtime, now);
  const total = runtime.ledger.sinceStart();
  const window = runtime.ledger.window(now);
  if (window.rate >= maxWindowRate) {
    maxWindowRate = window.rate;
    maxWindowAnswered = window.answered;
  }
  return {
    placed: figures.today.placed,
    answeredHuman: total.answered,
    answeringMachine: figures.today.answeringMachine,
    dropped: total.dropped,
    abandonRate: total.rate,
    maxWindowAbandonRate: maxWindowRate,
    maxWindowAnswered,
    talkSeconds: talkMs / 1000,
    loggedInSeconds: loggedInMs / 1000,
    talkShare: loggedInMs > 0 ? talkMs / loggedInMs : 0,
    gateChecks: figures.gateChecks,
    figures,
  };
}

/** One site, one skill, the campaign's queue (manual wrap-up: the simulator ends it) and agents. */
function network(queueId: string, agentIds: readonly string[]): Command[] {
  return [
    {
      type: 'configureSite',
      site: { id: 'outbound', city: 'Simulated', timeZone: 'UTC', positions: agentIds.length },
    },
    { type: 'configureSkill', skill: { id: 'outbound' } },
    { type: 'configurePauseCode', pauseCode: { id: END_OF_SHIFT, label: 'End of shift' } },
    {
      type: 'configureQueue',
      queue: {
        id: queueId,
        clientId: 'outbound',
        channel: 'voice',
        skills: { outbound: 1 },
        wrapUp: { mode: 'manual' },
      },
    },
    ...agentIds.map((id): Command => ({
      type: 'configureAgent',
      // Simulated agents answer at once (SPEC AGT8).
      agent: { id, siteId: 'outbound', skills: { outbound: 5 }, autoAnswer: true },
    })),
  ];
}
