// The REST API as the app uses it: same-origin fetch with the session cookie, the CSRF header on
// writes, answers checked against @relais/protocol's schemas, and the API's one error shape
// turned into an ApiFailure.
import { ErrorBody } from '@relais/protocol';
import type { z } from 'zod';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** A body sent as it is, not as JSON. */
class RawBody {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}
}

/** Status 0: no answer at all (server down, network gone). */
export const NETWORK_FAILURE = 0;

export class ApiClient {
  private csrfToken: string | undefined;

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  /** The token a session's writes carry; given at sign-in and by /auth/me. */
  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return this.request('GET', path, undefined, schema);
  }

  /** A JSON write; `headers` adds request headers (If-Match). */
  send<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    schema: S,
    headers: Record<string, string> = {},
  ): Promise<z.infer<S>> {
    return this.request(method, path, body, schema, headers);
  }

  /** POSTs a text file as it is (a CSV import), with its media type. */
  upload<S extends z.ZodType>(
    path: string,
    contentType: string,
    text: string,
    schema: S,
  ): Promise<z.infer<S>> {
    return this.request('POST', path, new RawBody(contentType, text), schema);
  }

  private async request<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
    extraHeaders: Record<string, string> = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined)
      headers['content-type'] = body instanceof RawBody ? body.contentType : 'application/json';
    if (method !== 'GET' && this.csrfToken !== undefined) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined
          ? {}
          : { body: body instanceof RawBody ? body.text : JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiFailure(NETWORK_FAILURE, 'Network', String(error));
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(json);
      if (parsed.success) {
        const { code, message, details } = parsed.data.error;
        throw new ApiFailure(response.status, code, message, details);
      }
      throw new ApiFailure(response.status, 'HttpError', `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiFailure(
        response.status,
        'UnexpectedAnswer',
        `${method} ${path}: the answer does not match the protocol (${parsed.error.message})`,
      );
    }
    return parsed.data;
  }
}
