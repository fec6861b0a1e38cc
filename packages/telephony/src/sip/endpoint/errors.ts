// Why a request sent by the endpoint got no final response.

export class SipRequestFailed extends Error {
  override readonly name = 'SipRequestFailed';
  constructor(
    readonly code: 'timeout' | 'transport-error' | 'closed',
    message: string,
  ) {
    super(message);
  }
}
