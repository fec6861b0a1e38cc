import type { SipHeader } from './message.ts';

/** The answer a parse failure calls for: a status code to send back, or drop the bytes. */
export type ParseFailureStatus = 400 | 413 | 416 | 505 | 513 | 'drop';

export type SipParseErrorCode =
  | 'message-too-large'
  | 'body-too-large'
  | 'too-many-headers'
  | 'header-line-too-long'
  | 'bad-start-line'
  | 'bad-version'
  | 'bad-header'
  | 'missing-header'
  | 'duplicate-header'
  | 'bad-content-length'
  | 'truncated-body'
  | 'bad-uri'
  | 'unsupported-uri-scheme'
  | 'cseq-method-mismatch';

/** What is needed to answer a request that did not parse (RFC 3261 §8.2.6): its method and the headers a response copies. */
export interface ResponseContext {
  readonly method: string;
  /** Via (all), From, To, Call-ID and CSeq, as found. */
  readonly headers: readonly SipHeader[];
}

/**
 * A SIP message that cannot be accepted. `status` says what to answer; it is a number only when
 * the message was a request and `context` holds what the response must copy, otherwise `drop`.
 */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  constructor(
    readonly code: SipParseErrorCode,
    readonly status: ParseFailureStatus,
    message: string,
    readonly context?: ResponseContext,
  ) {
    super(message);
  }
}
