/** Typed errors of the media layer: what failed, where, and how to fix it. */

export type MediaErrorCode =
  /** Bytes that are not valid bencode (offset and reason in details). */
  | 'BencodeInvalid'
  /** A value bencode cannot carry (float, boolean, null, a cycle…). */
  | 'BencodeUnsupported'
  /** rtpengine did not answer an ng request after every retry. */
  | 'NgTimeout'
  /** rtpengine answered `result: error`; its `error-reason` is in the message. */
  | 'NgRejected'
  /** A reply that is not `cookie <bencoded dictionary>` with a `result`. */
  | 'NgBadResponse'
  /** The client was closed while the request was pending or before it was sent. */
  | 'NgClosed'
  /** The rtpengine binary is not installed where we looked. */
  | 'RtpengineMissing'
  /** rtpengine exited or never answered `ping` while starting. */
  | 'RtpengineStartFailed'
  /** A MediaControl call for a call it does not know, or in the wrong state. */
  | 'MediaCallState'
  /** Bad input to a media API (empty call id, SDP without a media line…). */
  | 'MediaInvalidInput';

export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
