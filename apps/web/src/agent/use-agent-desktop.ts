// Wires the agent desktop: reads the status, the held contacts, the pause codes and
// dispositions over REST, then follows the stream from the status's seq.
import {
  AgentStatusView,
  ContactView,
  DispositionList,
  PauseCodeList,
  type AgentActionBodies,
  type AgentActionName,
  type Disposition,
  type PauseCode,
} from '@relais/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { AgentStream, streamUrl, type SocketFactory, type StreamStatus } from './agent-stream.ts';
import { applyEvent, fromStatus, withView, type DesktopModel } from './desktop-model.ts';

export interface AgentDesktop {
  model: DesktopModel | undefined;
  stream: StreamStatus;
  pauseCodes: PauseCode[];
  dispositions: Disposition[];
  /** Server clock minus this browser's clock, for countdowns to server times. */
  serverOffsetMs: number;
  loadError: unknown;
  act<A extends AgentActionName>(action: A, body: AgentActionBodies[A]): Promise<void>;
}

async function contactView(api: ApiClient, contactId: string): Promise<ContactView | undefined> {
  // A contact gone from view (ended meanwhile) is simply not shown.
  return api.get(`/api/v1/contacts/${encodeURIComponent(contactId)}`, ContactView).catch(() => {
    return undefined;
  });
}

export function useAgentDesktop(
  api: ApiClient,
  agentId: string,
  socketFactory?: SocketFactory,
): AgentDesktop {
  const [model, setModel] = useState<DesktopModel>();
  const [stream, setStream] = useState<StreamStatus>('connecting');
  const [pauseCodes, setPauseCodes] = useState<PauseCode[]>([]);
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const [serverOffsetMs, setServerOffsetMs] = useState(0);
  const [loadError, setLoadError] = useState<unknown>();
  const streamRef = useRef<AgentStream | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    const addView = (contactId: string): void => {
      void contactView(api, contactId).then((view) => {
        if (cancelled || view === undefined) return;
        setModel((current) =>
          current === undefined
            ? current
            : {
                ...current,
                contacts: current.contacts.map((c) =>
                  c.contactId === contactId ? withView(c, view) : c,
                ),
              },
        );
      });
    };
    const load = async (): Promise<void> => {
      const [codes, outcomes] = await Promise.all([
        api.get('/api/v1/pause-codes?limit=1000', PauseCodeList),
        api.get('/api/v1/dispositions?limit=1000', DispositionList),
      ]);
      const sentAt = Date.now();
      const status = await api.get(
        `/api/v1/agents/${encodeURIComponent(agentId)}/status`,
        AgentStatusView,
      );
      const offset = status.nowMs - (sentAt + Date.now()) / 2;
      const views = await Promise.all(status.contacts.map((c) => contactView(api, c.contactId)));
      if (cancelled) return;
      setPauseCodes(codes.items);
      setDispositions(outcomes.items);
      setServerOffsetMs(offset);
      setModel(fromStatus(status, views));
      const agentStream = new AgentStream({
        url: streamUrl(window.location),
        agentId,
        afterSeq: status.seq,
        ...(socketFactory === undefined ? {} : { socketFactory }),
        handlers: {
          onStatus: setStream,
          onEvent(event) {
            setModel((current) => (current === undefined ? current : applyEvent(current, event)));
            if (event.type === 'contactOffered' && event.agentId === agentId)
              addView(event.contactId);
          },
          onProblem: (message) => console.warn('relais stream:', message),
        },
      });
      streamRef.current = agentStream;
      agentStream.start();
    };
    load().catch((error: unknown) => {
      if (!cancelled) setLoadError(error);
    });
    return () => {
      cancelled = true;
      streamRef.current?.stop();
      streamRef.current = undefined;
    };
  }, [api, agentId, socketFactory]);

  const act = useCallback(
    <A extends AgentActionName>(action: A, body: AgentActionBodies[A]): Promise<void> => {
      const current = streamRef.current;
      if (current === undefined) return Promise.reject(new Error('not connected yet'));
      return current.act(action, body);
    },
    [],
  );

  return { model, stream, pauseCodes, dispositions, serverOffsetMs, loadError, act };
}
