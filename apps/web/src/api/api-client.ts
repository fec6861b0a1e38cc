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
    readonly text: string | Blob,
  ) {}
}

/** Bytes of a request body sent so far, of all of them. */
export type UploadProgress = (sent: number, total: number) => void;

/** Status 0: no answer at all (server down, network gone). */
export const NETWORK_FAILURE = 0;

export class ApiClient {
  private csrfToken: string | undefined;
  private readonly fetchImpl: typeof fetch;
  /** Upload progress needs XMLHttpRequest (fetch reports none); only with the browser's fetch. */
  private readonly xhr: boolean;

  constructor(fetchImpl?: typeof fetch) {
    this.fetchImpl = fetchImpl ?? ((...args) => fetch(...args));
    this.xhr = fetchImpl === undefined && typeof XMLHttpRequest !== 'undefined';
  }

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

  /**
   * POSTs (or PUTs) a file as it is (a CSV import), with its media type. `onProgress` hears the
   * bytes sent as they go when the browser can tell (XMLHttpRequest), else once at the end.
   */
  upload<S extends z.ZodType>(
    path: string,
    contentType: string,
    text: string | Blob,
    schema: S,
    options: { method?: 'POST' | 'PUT'; onProgress?: UploadProgress } = {},
  ): Promise<z.infer<S>> {
    const method = options.method ?? 'POST';
    const body = new RawBody(contentType, text);
    const { onProgress } = options;
    if (onProgress !== undefined && this.xhr)
      return this.sendTracked(method, path, body, schema, onProgress);
    return this.request(method, path, body, schema).then((answer) => {
      const size = typeof text === 'string' ? text.length : text.size;
      onProgress?.(size, size);
      return answer;
    });
  }

  private sendTracked<S extends z.ZodType>(
    method: string,
    path: string,
    body: RawBody,
    schema: S,
    onProgress: UploadProgress,
  ): Promise<z.infer<S>> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(method, path);
      request.withCredentials = true;
      request.setRequestHeader('accept', 'application/json');
      request.setRequestHeader('content-type', body.contentType);
      if (this.csrfToken !== undefined) request.setRequestHeader('x-csrf-token', this.csrfToken);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      request.onerror = () =>
        reject(new ApiFailure(NETWORK_FAILURE, 'Network', `${method} ${path}: no answer`));
      request.onload = () => {
        let json: unknown;
        try {
          json = JSON.parse(request.responseText);
        } catch {
          json = undefined;
        }
        try {
          resolve(this.answer(method, path, request.status, json, schema));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      request.send(body.text);
    });
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
    return this.answer(method, path, response.status, json, schema);
  }

  /** An answer checked: the API's error shape thrown as an ApiFailure, a body parsed by `schema`. */
  private answer<S extends z.ZodType>(
    method: string,
    path: string,
    status: number,
    json: unknown,
    schema: S,
  ): z.infer<S> {
    if (status < 200 || status > 299) {
      const parsed = ErrorBody.safeParse(json);
      if (parsed.success) {
        const { code, message, details } = parsed.data.error;
        throw new ApiFailure(status, code, message, details);
      }
      throw new ApiFailure(status, 'HttpError', `HTTP ${status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiFailure(
        status,
        'UnexpectedAnswer',
        `${method} ${path}: the answer does not match the protocol (${parsed.error.message})`,
      );
    }
    return parsed.data;
  }
}
