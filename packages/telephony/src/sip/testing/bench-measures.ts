// What the call benchmarks read off their peers after a run: sipp's statistics file, rtpengine's
// relayed packets, a process's CPU time. Shared by `bench:sip` and the server's `bench:sip-server`.
import { readFile } from 'node:fs/promises';
import type { NgClient } from '../../media/ng-client.ts';

/** The last line of a sipp `-trace_stat` file: calls that succeeded and failed; undefined if unreadable. */
export async function readSippStats(
  file: string,
): Promise<{ successful: number; failed: number } | undefined> {
  try {
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const header = lines[0]?.split(';') ?? [];
    const last = lines.at(-1)?.split(';') ?? [];
    const at = (name: string) => Number(last[header.indexOf(name)]);
    return { successful: at('SuccessfulCall(C)'), failed: at('FailedCall(C)') };
  } catch {
    return undefined;
  }
}

/** RTP packets rtpengine relayed since it started (ng `statistics`); null when it does not say. */
export async function rtpengineRelayed(client: NgClient): Promise<number | null> {
  try {
    const reply = await client.request('statistics');
    const stats = reply['statistics'] as Record<string, Record<string, unknown>> | undefined;
    const value = stats?.['totalstatistics']?.['relayedpackets'];
    return typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}

/** User + system CPU of a process so far, in ms, from /proc (Linux); NaN elsewhere. */
export async function cpuMsOf(pid: number): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
