// Dialogs (RFC 3261 §12–15): pure dialog state and the layer that runs it on a SipEndpoint.
export {
  addressOfUri,
  confirmUac,
  dialogKey,
  finishInvite,
  inDialogRequest,
  incomingRequestKey,
  keyOf,
  nextHop,
  receiveInDialog,
  refreshTarget,
  uacDialog,
  uasDialog,
  type Dialog,
  type DialogPhase,
  type DialogRole,
  type IncomingVerdict,
} from './dialog.ts';
export {
  cancelOf,
  DialogLayer,
  OutgoingInvite,
  SipDialog,
  type DialogHandlers,
  type DialogLayerOptions,
  type IncomingInvite,
  type InviteOutcome,
  type OutgoingInviteSpec,
} from './dialog-layer.ts';
export { DialogError } from './errors.ts';
