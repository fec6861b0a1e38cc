// Answers the app's REST calls in component tests, from a table of routes, the way the server
// would (JSON bodies, the API's error shape). Requests are recorded for the test to read.
export type Answer = { status?: number; body: unknown };
export type Routes = Record<string, Answer | ((body: unknown) => Answer)>;

export function fakeFetch(routes: Routes): {
  fetch: typeof fetch;
  requests: { method: string; path: string; body: unknown; headers: Record<string, string> }[];
} {
  const requests: {
    method: string;
    path: string;
    body: unknown;
    headers: Record<string, string>;
  }[] = [];
  const fetchImpl = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const json = (headers['content-type'] ?? 'application/json') === 'application/json';
    const body: unknown =
      typeof init?.body !== 'string' ? undefined : json ? JSON.parse(init.body) : init.body;
    requests.push({ method, path, body, headers });
    const route = routes[`${method} ${path}`];
    const answer: Answer =
      route === undefined
        ? { status: 404, body: { error: { code: 'NotFound', message: `no ${method} ${path}` } } }
        : typeof route === 'function'
          ? route(body)
          : route;
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return { fetch: fetchImpl, requests };
}
