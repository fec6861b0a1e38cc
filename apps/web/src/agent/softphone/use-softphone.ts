// React binding of a Softphone: its state, re-rendered on every change; started while mounted.
import { useEffect, useSyncExternalStore } from 'react';
import type { Softphone, SoftphoneState } from './softphone.ts';

export function useSoftphone(softphone: Softphone): SoftphoneState {
  useEffect(() => {
    softphone.start();
    return () => softphone.stop();
  }, [softphone]);
  return useSyncExternalStore(softphone.subscribe, softphone.getState);
}
