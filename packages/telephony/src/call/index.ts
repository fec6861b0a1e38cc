// The call-center B2BUA and the port the server drives it through.
export { CallCenterB2bua, failureOf, type B2buaOptions } from './b2bua.ts';
export type {
  AgentEndpoint,
  AgentFailure,
  AnnounceOptions,
  CallControl,
  CallEvent,
  CallerPhase,
  ResolveAgent,
  RingOptions,
} from './call-control.ts';
export { dtmfDigitOf } from './dtmf.ts';
export {
  startMenu,
  stepMenu,
  type IvrEffect,
  type IvrInput,
  type IvrMenu,
  type IvrState,
} from './ivr-menu.ts';
export { CallControlError } from './errors.ts';
export {
  OutboundCaller,
  answeredBy,
  failureOf as outboundFailureOf,
  type AnsweredBy,
  type OutboundCallerOptions,
  type OutboundDialRequest,
  type OutboundEvent,
  type OutboundFailure,
} from './outbound.ts';
export {
  TrunkRegistration,
  type TrunkRegistrationEvent,
  type TrunkRegistrationOptions,
} from './trunk-registration.ts';
export {
  trunkSettings,
  TrunkSettingsError,
  type TrunkDescription,
  type TrunkSettings,
} from './trunk-settings.ts';
export {
  FRENCH_PROMPTS_DIR,
  MAX_SPOKEN_POSITION,
  POSITION_PROMPT_NAMES,
  positionPrompts,
  type PlaceToTell,
  type PositionSay,
} from './position-prompts.ts';
