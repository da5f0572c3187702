/** Times are computed in UTC and shown to people in Mexico City time. */
export const DISPLAY_TIME_ZONE = 'America/Mexico_City';

const FORMAT = new Intl.DateTimeFormat('es-MX', {
  timeZone: DISPLAY_TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "2 de marzo de 2026 a las 4:15 p.m. (hora del centro de México)" */
export function formatDisplayTime(date: Date): string {
  return `${FORMAT.format(date)} (hora del centro de México)`;
}

const DAY = new Intl.DateTimeFormat('es-MX', { timeZone: DISPLAY_TIME_ZONE, dateStyle: 'long' });
const CLOCK = new Intl.DateTimeFormat('es-MX', { timeZone: DISPLAY_TIME_ZONE, timeStyle: 'short' });

/**
 * A span of time said once, for a short text (an SMS): "el 15 de diciembre de 2026, de 2:00 a.m. a
 * 6:00 a.m. (hora del centro de México)", or "del 15 de diciembre de 2026, 10:00 p.m., al 16 de
 * diciembre de 2026, 6:00 a.m. (hora del centro de México)" across days.
 */
export function formatDisplaySpan(start: Date, end: Date): string {
  const [startDay, endDay] = [DAY.format(start), DAY.format(end)];
  const span =
    startDay === endDay
      ? `el ${startDay}, de ${CLOCK.format(start)} a ${CLOCK.format(end)}`
      : `del ${startDay}, ${CLOCK.format(start)}, al ${endDay}, ${CLOCK.format(end)}`;
  return `${span} (hora del centro de México)`;
}

/** "2 horas", "30 minutos", "1 hora y 30 minutos". */
export function formatDurationEs(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hora' : 'horas'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minuto' : 'minutos'}`);
  return parts.join(' y ');
}
