// Reading one API resource for a page: once, or again every few seconds (live figures). The last
// answer stays on screen while a later read fails; the failure is shown beside it.
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';

export interface Loaded<T> {
  data: T | undefined;
  failure: string | undefined;
  /** Reads it again now (after an action changed it). */
  reload: () => void;
}

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function useApi<S extends z.ZodType>(
  api: ApiClient,
  path: string | undefined,
  schema: S,
  everySeconds?: number,
): Loaded<z.infer<S>> {
  const [state, setState] = useState<{ data: z.infer<S> | undefined; failure: string | undefined }>(
    { data: undefined, failure: undefined },
  );
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    if (path === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (): void => {
      api
        .get(path, schema)
        .then((data) => {
          if (!stopped) setState({ data, failure: undefined });
        })
        .catch((error: unknown) => {
          if (!stopped) setState((s) => ({ ...s, failure: errorText(error) }));
        })
        .finally(() => {
          if (!stopped && everySeconds !== undefined) timer = setTimeout(read, everySeconds * 1000);
        });
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, path, schema, everySeconds, round]);
  return { ...state, reload };
}
