// Every queue the server lets the user see, live and today so far, read every few seconds: the
// queues page and the client portal show the same answer.
import { RealtimeQueues } from '@relais/protocol';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';

export const REFRESH_SECONDS = 5;

export interface LiveQueues {
  data: RealtimeQueues | undefined;
  /** The last read's failure; the last answer stays shown meanwhile. */
  failure: string | undefined;
}

export function useLiveQueues(api: ApiClient): LiveQueues {
  const [live, setLive] = useState<LiveQueues>({ data: undefined, failure: undefined });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (): void => {
      api
        .get('/api/v1/realtime/queues', RealtimeQueues)
        .then((data) => {
          if (!stopped) setLive({ data, failure: undefined });
        })
        .catch((error: unknown) => {
          if (!stopped)
            setLive((l) => ({
              ...l,
              failure: error instanceof Error ? error.message : String(error),
            }));
        })
        .finally(() => {
          if (!stopped) timer = setTimeout(read, REFRESH_SECONDS * 1000);
        });
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);
  return live;
}
