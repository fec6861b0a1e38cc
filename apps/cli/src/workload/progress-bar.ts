/**
 * A progress bar on stderr, only when a person is watching it (a terminal); `lastPhase` reaching
 * 100% clears the line.
 */
export function progressBar(
  lastPhase?: string,
): ((phase: string, fraction: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (phase, fraction) => {
    const width = 30;
    const filled = Math.round(Math.min(1, fraction) * width);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    process.stderr.write(`\r${phase.padEnd(8)} [${bar}] ${Math.floor(fraction * 100)}%`);
    if (phase === lastPhase && fraction >= 1) process.stderr.write('\r\x1b[K');
  };
}
