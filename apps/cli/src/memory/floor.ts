import { performance } from 'node:perf_hooks';
import { IdIndex } from './floor-index.ts';
import { collectGarbage } from '../workload/benchmark.ts';
import type { Engine } from '@relais/engine';
import { applyEntry } from '../workload/recording.ts';
import type { FloorRecording } from './floor-recording.ts';
import { applyCommand, type AgentChange, type FloorModel } from './model-steps.ts';
import { ObjectsModel } from './objects-model.ts';
import { RowsModel } from './rows-model.ts';

/** Int32 fields per row: one 64-byte cache line per contact and per agent. */
export const ROW_INTS = 16;

// Contact row fields.
const C_STATE = 0;
const C_AGENT = 1;
const C_OFFERED_AT = 2;
const C_ARRIVED_AT = 3;
// Agent row fields.
const A_STATE = 0;
const A_CONTACT = 1;
const A_OFFERED_AT = 2;
const A_CONNECTED_AT = 3;
const A_ENDED_AT = 4;
const A_BUSY_MS = 5;
const A_CHANGED_AT = 6;

/** States written to the rows; the floor never reads them back to decide anything. */
export const FloorState = {
  queued: 1,
  offered: 2,
  connected: 3,
  wrapping: 4,
  idle: 5,
} as const;

/**
 * The least memory work any engine must do for the benchmark's commands: find the command's
 * contact by its id, touch that contact's row and its agent's row, and for each offer the
 * recording says was made, touch the offered contact's and agent's rows. It leaves out all of
 * routing (choosing the agent or the contact: pools, skills, queues and their order), events,
 * timers, statistics and validation; those only add to this. Agents are found by id through a
 * Map (as any engine keyed by the caller's ids must), or through the contact's row.
 */
export class FloorEngine implements FloorModel {
  private contacts: Int32Array;
  private readonly agents: Int32Array;
  private readonly index: IdIndex;
  private readonly agentNumber = new Map<string, number>();
  /** Freed contact rows, reused last-in first-out (the warmest first, as a real pool would). */
  private readonly spareRows: number[] = [];
  private rowsUsed = 0;
  /** Commands the floor does nothing for (logins, configuration); counted to stay observable. */
  ignored = 0;

  constructor(agentIds: readonly string[]) {
    agentIds.forEach((id, i) => this.agentNumber.set(id, i));
    this.agents = new Int32Array(ROW_INTS * Math.max(1, agentIds.length));
    // Contacts in progress stay near the number of agents at 90% occupancy, plus the queues.
    this.index = new IdIndex(agentIds.length * 2 + 512);
    this.contacts = new Int32Array(ROW_INTS * (agentIds.length * 2 + 512));
  }

  /** The row of contact `id` in progress, or -1. */
  contactRowOf(id: string): number {
    return this.index.rowOf(id);
  }

  contactField(row: number, field: 'state' | 'agent'): number {
    return this.contacts[row * ROW_INTS + (field === 'state' ? C_STATE : C_AGENT)] as number;
  }

  agentField(agent: number, field: 'state' | 'contact' | 'busyMs'): number {
    const offset = field === 'state' ? A_STATE : field === 'contact' ? A_CONTACT : A_BUSY_MS;
    return this.agents[agent * ROW_INTS + offset] as number;
  }

  begin(): void {}

  /** Records that `contactId` was offered to agent number `agent` at `atMs`. */
  offer(contactId: string, agent: number, atMs: number): void {
    const t = atMs | 0;
    const row = this.index.rowOf(contactId);
    const a = agent * ROW_INTS;
    if (row >= 0) {
      const c = row * ROW_INTS;
      this.contacts[c + C_STATE] = FloorState.offered;
      this.contacts[c + C_AGENT] = agent;
      this.contacts[c + C_OFFERED_AT] = t;
    }
    this.agents[a + A_STATE] = FloorState.offered;
    this.agents[a + A_CONTACT] = row;
    this.agents[a + A_OFFERED_AT] = t;
  }

  arrive(contactId: string, _queueId: string, t: number): void {
    const row = this.newRow();
    this.index.insert(contactId, row);
    const c = row * ROW_INTS;
    this.contacts[c + C_STATE] = FloorState.queued;
    this.contacts[c + C_AGENT] = -1;
    this.contacts[c + C_ARRIVED_AT] = t;
  }

  answer(contactId: string, agentId: string, accepted: boolean, t: number): void {
    const row = this.rowInProgress(contactId);
    const a = (this.agentNumber.get(agentId) as number) * ROW_INTS;
    this.contacts[row * ROW_INTS + C_STATE] = accepted ? FloorState.connected : FloorState.queued;
    this.agents[a + A_STATE] = accepted ? FloorState.connected : FloorState.idle;
    this.agents[a + A_CONNECTED_AT] = t;
  }

  end(contactId: string, t: number): void {
    const c = this.rowInProgress(contactId) * ROW_INTS;
    this.contacts[c + C_STATE] = FloorState.wrapping;
    const a = (this.contacts[c + C_AGENT] as number) * ROW_INTS;
    this.agents[a + A_STATE] = FloorState.wrapping;
    this.agents[a + A_ENDED_AT] = t;
  }

  /** The contact leaves (wrap-up done, or it hung up in line); its row is freed. */
  finish(contactId: string, wrapped: boolean, t: number): void {
    const slot = this.index.slotOf(contactId);
    if (slot < 0) throw new Error(`floor: no contact ${contactId} in progress`);
    const row = this.index.rowAt(slot);
    const c = row * ROW_INTS;
    if (wrapped) {
      const a = (this.contacts[c + C_AGENT] as number) * ROW_INTS;
      this.agents[a + A_STATE] = FloorState.idle;
      const busyMs = t - (this.contacts[c + C_OFFERED_AT] as number);
      this.agents[a + A_BUSY_MS] = (this.agents[a + A_BUSY_MS] as number) + busyMs;
    }
    this.index.removeAt(slot);
    this.spareRows.push(row);
  }

  /** Pauses and returns touch the agent's row; logins and logouts are left out (ignored). */
  agentChanged(agentId: string, change: AgentChange, t: number): void {
    if (change === 'login' || change === 'logout') {
      this.ignored++;
      return;
    }
    const a = (this.agentNumber.get(agentId) as number) * ROW_INTS;
    this.agents[a + A_CHANGED_AT] = t;
  }

  /** A recording the floor does not follow would otherwise write nowhere, silently. */
  private rowInProgress(contactId: string): number {
    const row = this.index.rowOf(contactId);
    if (row < 0) throw new Error(`floor: no contact ${contactId} in progress`);
    return row;
  }

  private newRow(): number {
    const spare = this.spareRows.pop();
    if (spare !== undefined) return spare;
    if ((this.rowsUsed + 1) * ROW_INTS > this.contacts.length) {
      const grown = new Int32Array(this.contacts.length * 2);
      grown.set(this.contacts);
      this.contacts = grown;
    }
    return this.rowsUsed++;
  }
}

/** Applies recorded entry `i` (its command, if any, then its offers) to `floor`. */
export function replayEntry(floor: FloorModel, recording: FloorRecording, i: number): void {
  const command = recording.commands[i];
  const atMs = recording.times[i] as number;
  if (command !== undefined) applyCommand(floor, command, atMs);
  const end = recording.offerStart[i + 1] as number;
  for (let k = recording.offerStart[i] as number; k < end; k++) {
    floor.offer(recording.offerContacts[k] as string, recording.offerAgents[k] as number, atMs);
  }
}

export interface FloorTiming {
  agents: number;
  entries: number;
  ops: number;
  usPerEntry: number;
  usPerOp: number;
  /** The same for the rows model (RowsModel) and the objects model, timed in the same rounds. */
  rowsUsPerEntry: number;
  rowsUsPerOp: number;
  objectsUsPerEntry: number;
  objectsUsPerOp: number;
  /**
   * The same for the real engine replaying the recording (as `relais bench` replays it), in the
   * same rounds; null for a recording without its network (hand-built).
   */
  engineUsPerEntry: number | null;
  engineUsPerOp: number | null;
}

/** Applies entries `from` to `to` (excluded) of the recording to one fresh replay. */
type Steps = (from: number, to: number) => void;
/** Starts one fresh replay. */
type Replay = () => Steps;

/** Replays the warm-up, then returns the measured entries' milliseconds. */
function timeOnce(recording: FloorRecording, steps: Steps): number {
  steps(0, recording.warmupEntries);
  // Every round starts from the same heap: the previous round's rows are garbage by now.
  collectGarbage();
  const t0 = performance.now();
  steps(recording.warmupEntries, recording.commands.length);
  return performance.now() - t0;
}

// The engine has a loop of its own, so that its calls stay monomorphic as in `relais bench`;
// the models share one, as they did before the engine joined them.

const modelReplay =
  (recording: FloorRecording, make: () => FloorModel): Replay =>
  () => {
    const model = make();
    return (from, to) => {
      for (let i = from; i < to; i++) replayEntry(model, recording, i);
    };
  };

const engineReplay =
  (recording: FloorRecording, newEngine: () => Engine): Replay =>
  () => {
    const engine = newEngine();
    return (from, to) => {
      for (let i = from; i < to; i++) applyEntry(engine, recording, i);
    };
  };

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Times `rounds` replays of the floor engine, the rows model, the objects model and, when the
 * recording can make one, the real engine, each from scratch, taking turns (which goes first
 * rotates too), and keeps each one's median: the machine is shared and noisy, and turns expose
 * all of them to the same moments of it.
 */
export function timeFloor(recording: FloorRecording, rounds: number): FloorTiming {
  const entries = recording.commands.length - recording.warmupEntries;
  const { agentIds, poolOfAgent, pools, newEngine } = recording;
  const replays: [Replay, number[]][] = [
    [modelReplay(recording, () => new FloorEngine(agentIds)), []],
    [modelReplay(recording, () => new RowsModel(agentIds, poolOfAgent, pools)), []],
    [modelReplay(recording, () => new ObjectsModel(agentIds, poolOfAgent, pools)), []],
  ];
  if (newEngine !== undefined) replays.push([engineReplay(recording, newEngine), []]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < replays.length; k++) {
      const [start, ms] = replays[(round + k) % replays.length] as [Replay, number[]];
      ms.push(timeOnce(recording, start()));
    }
  }
  const [floorMs, rowsMs, objectsMs, engineMs] = replays.map(([, ms]) => median(ms)) as [
    number,
    number,
    number,
    number | undefined,
  ];
  const us = (ms: number, per: number): number =>
    Number(((ms * 1000) / Math.max(1, per)).toFixed(4));
  return {
    agents: recording.agentIds.length,
    entries,
    ops: recording.measuredOps,
    usPerEntry: us(floorMs, entries),
    usPerOp: us(floorMs, recording.measuredOps),
    rowsUsPerEntry: us(rowsMs, entries),
    rowsUsPerOp: us(rowsMs, recording.measuredOps),
    objectsUsPerEntry: us(objectsMs, entries),
    objectsUsPerOp: us(objectsMs, recording.measuredOps),
    engineUsPerEntry: engineMs === undefined ? null : us(engineMs, entries),
    engineUsPerOp: engineMs === undefined ? null : us(engineMs, recording.measuredOps),
  };
}
