/** Typed engine errors; a command that fails changes nothing (SPEC ERR1). */

export type EngineErrorCode =
  | 'UnknownSite'
  | 'UnknownSkill'
  | 'UnknownQueue'
  | 'UnknownAgent'
  | 'UnknownContact'
  | 'UnknownPauseCode'
  | 'UnknownDisposition'
  | 'DuplicateContact'
  | 'InvalidConfig'
  | 'InvalidCommand'
  | 'IllegalTransition'
  | 'ClockWentBackwards';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unknown = (
  kind: 'Site' | 'Skill' | 'Queue' | 'Agent' | 'Contact' | 'PauseCode' | 'Disposition',
  id: string,
  where: string,
): EngineError =>
  new EngineError(`Unknown${kind}`, `${where}: no ${kind.toLowerCase()} with id "${id}"`, {
    id,
    where,
  });

/** A command that does not fit the current state; names the subject and what it needs. */
export const illegal = (
  what: string,
  state: string,
  details: Record<string, unknown> = {},
): EngineError => {
  const subject =
    typeof details.contactId === 'string'
      ? ` of contact "${details.contactId}"`
      : typeof details.agentId === 'string'
        ? ` of agent "${details.agentId}"`
        : '';
  const allowed = details.allowed;
  const needs =
    typeof details.needs === 'string'
      ? `; it needs ${details.needs}`
      : Array.isArray(allowed)
        ? `; it needs state ${allowed.map((s) => `"${String(s)}"`).join(' or ')}`
        : '';
  return new EngineError(
    'IllegalTransition',
    `${what}${subject} is not allowed in state "${state}"${needs}`,
    { ...details, state },
  );
};

/** A reference to something not configured, found inside a configuration or command. */
export const unknownRef = (
  kind: 'Site' | 'Skill' | 'Queue',
  path: string,
  id: unknown,
): EngineError =>
  new EngineError(
    `Unknown${kind}`,
    `${path}: no ${kind.toLowerCase()} with id ${JSON.stringify(id)}; configure it first`,
    { path, id },
  );

export const invalid = (path: string, expected: string, got: unknown): EngineError =>
  new EngineError('InvalidConfig', `${path}: expected ${expected}, got ${JSON.stringify(got)}`, {
    path,
    expected,
    got,
  });
