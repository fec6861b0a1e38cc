// The campaign runtime's inputs and outputs: settings, what it asks the host to do, and the
// events a store writes as the leads' history (RUN1–RUN9).
import type { Command, EngineEvent } from '@relais/engine';
import type { ReasonCode, RulePack } from '../packs/rule-pack.ts';
import type { SuppressionList } from '../gate/types.ts';
import type {
  AttemptOutcome,
  DispositionFlag,
  RecycleOutcome,
  RecycleRule,
} from '../outcomes/outcomes.ts';
import type { PacingPriors } from '../pacing/live-estimates.ts';
import type { DialMode } from '../pacing/pacer.ts';

export interface PacingSettings {
  /** Dropped / answered by a person over the window (COMPLIANCE.md: 3%). */
  readonly abandonTarget: number;
  /** Default: the pack's window (US 720 h, UK and France 24 h). */
  readonly abandonWindowHours?: number;
  readonly maxLinesPerAgent: number;
  /** How long a call rings before it is a no-answer (at least 15 s: US and UK rules). */
  readonly ringTimeoutSeconds: number;
  /** Share of the target the pacer aims at (default 0.8). */
  readonly aim?: number;
}

/** A campaign as the runtime needs it; the server maps the protocol's Campaign to it. */
export interface CampaignSettings {
  readonly id: string;
  readonly clientId: string;
  readonly mode: DialMode;
  /** The engine queue whose agents work the campaign's calls. */
  readonly queueId: string;
  readonly callerId: string;
  /** The campaign's pack, tightened (`tightenPack`). */
  readonly pack: RulePack;
  readonly suppression: SuppressionList | null;
  readonly dispositions: readonly { readonly id: string; readonly flag: DispositionFlag }[];
  readonly recycling: readonly RecycleRule[];
  readonly pacing: PacingSettings;
  readonly priors?: PacingPriors;
  /** The zone whose calendar day "today" counts in the stats. */
  readonly timeZone: string;
}

export type LeadState = 'new' | 'scheduled' | 'callback' | 'dialing' | 'connected' | 'done';

/** What the runtime asks the host to do. */
export type HostAction =
  | {
      readonly type: 'dial';
      readonly callId: string;
      readonly leadId: string;
      readonly number: string;
      readonly callerId: string;
      readonly ringTimeoutMs: number;
      /** Preview and owned callbacks: the agent already on the line. */
      readonly agentId?: string;
    }
  /** A drop: play the identification message, then hang up (COMPLIANCE.md: within 2 s). */
  | { readonly type: 'playIdentification'; readonly callId: string; readonly leadId: string };

/** What a store writes: the lead's full history (attempts, outcomes, dispositions, state). */
export type RuntimeEvent =
  | {
      readonly type: 'attemptPlaced';
      readonly atMs: number;
      readonly callId: string;
      readonly leadId: string;
      readonly phoneE164: string;
      readonly callerId: string;
      /** This lead's attempts in the campaign, this one included. */
      readonly attempt: number;
      readonly agentId?: string;
    }
  | {
      readonly type: 'attemptOutcome';
      readonly atMs: number;
      readonly callId: string;
      readonly leadId: string;
      readonly outcome: AttemptOutcome;
      readonly ringMs: number;
      readonly agentId?: string;
    }
  | {
      readonly type: 'dispositionApplied';
      readonly atMs: number;
      readonly callId: string;
      readonly leadId: string;
      readonly dispositionId: string;
      readonly flag: DispositionFlag;
      readonly agentId?: string;
      readonly talkMs?: number;
    }
  | {
      readonly type: 'leadStateChanged';
      readonly atMs: number;
      readonly leadId: string;
      readonly from: LeadState;
      readonly to: LeadState;
      /** When the campaign will try it next (recycling delay or callback). */
      readonly nextAt?: number;
      /** Why a lead closed, or which outcome recycled it. */
      readonly because?: RecycleOutcome | 'answered' | 'attempts';
    }
  | {
      readonly type: 'leadBlocked';
      readonly atMs: number;
      readonly leadId: string;
      readonly reason: ReasonCode;
      readonly reasons: readonly ReasonCode[];
      readonly dialableAt: number | null;
    }
  | {
      readonly type: 'callbackScheduled';
      readonly atMs: number;
      readonly leadId: string;
      readonly dueAtMs: number;
      readonly agentId?: string;
    };

/** What one call into the runtime produced. */
export interface RuntimeOutput {
  readonly actions: HostAction[];
  readonly events: RuntimeEvent[];
}

/**
 * The engine as the runtime reaches it (RUN7): the simulator wraps an Engine on its virtual clock,
 * the server its tenant runtime. Events returned by `apply` are seen by the runtime itself; the
 * host passes the events of every other command to `CampaignRuntime.observe`.
 */
export interface EngineLink {
  apply(command: Command): readonly EngineEvent[];
  /** Logged-in agents meeting the queue's requirements, and those free to take a call now. */
  agents(queueId: string): { readonly loggedIn: number; readonly available: number };
}
