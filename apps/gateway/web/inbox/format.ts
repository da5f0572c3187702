const DATE_TIME = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'short', timeStyle: 'short' });

/** A moment in Mexico City time, e.g. "02/03/26, 10:15". */
export const formatTime = (iso: string): string => DATE_TIME.format(new Date(iso));

/** "1 h 05 min", "25 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/** "quedan 1 h 05 min" or "venció hace 20 min". */
export function timeLeft(dueIso: string, now: number): string {
  const left = new Date(dueIso).getTime() - now;
  return left >= 0 ? `quedan ${formatDuration(left)}` : `venció hace ${formatDuration(-left)}`;
}

const MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' });

/** The month it is in Mexico City ("2026-01"), whatever the browser's zone: reports are by that month. */
export const mexicoCityMonth = (now: Date): string => MONTH.format(now).slice(0, 7);
