/** A stretch of time during which an SLA clock does not run (a maintenance window, a resolved period). */
export interface Pause {
  start: Date;
  end: Date;
  reason: 'maintenance' | 'resolved';
}

/** Sorted, with overlapping or touching pauses folded into one. */
export function mergePauses(pauses: Pause[]): Pause[] {
  const sorted = [...pauses].filter((pause) => pause.end > pause.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Pause[] = [];
  for (const pause of sorted) {
    const last = merged.at(-1);
    if (last && pause.start <= last.end) {
      if (pause.end > last.end) merged[merged.length - 1] = { ...last, end: pause.end };
    } else {
      merged.push({ ...pause });
    }
  }
  return merged;
}

/**
 * The moment a clock started at `start` has run for `budgetMs`, not counting the pauses: time inside
 * a pause moves the moment later by exactly the paused time.
 */
export function deadlineAfter(start: Date, budgetMs: number, pauses: Pause[]): Date {
  let cursor = start.getTime();
  let remaining = budgetMs;
  for (const pause of mergePauses(pauses)) {
    const pauseStart = pause.start.getTime();
    const pauseEnd = pause.end.getTime();
    if (pauseEnd <= cursor) continue;
    if (pauseStart >= cursor + remaining) break;
    remaining -= Math.max(0, pauseStart - cursor);
    cursor = pauseEnd;
  }
  return new Date(cursor + remaining);
}

/** Milliseconds of `pauses` between `from` and `to`. */
export function pausedBetween(from: Date, to: Date, pauses: Pause[]): number {
  let total = 0;
  for (const pause of mergePauses(pauses)) {
    const start = Math.max(pause.start.getTime(), from.getTime());
    const end = Math.min(pause.end.getTime(), to.getTime());
    if (end > start) total += end - start;
  }
  return total;
}
