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

export const illegal = (
  what: string,
  state: string,
  details: Record<string, unknown> = {},
): EngineError =>
  new EngineError('IllegalTransition', `${what} is not allowed in state "${state}"`, {
    ...details,
    state,
  });

export const invalid = (path: string, expected: string, got: unknown): EngineError =>
  new EngineError('InvalidConfig', `${path}: expected ${expected}, got ${JSON.stringify(got)}`, {
    path,
    expected,
    got,
  });
