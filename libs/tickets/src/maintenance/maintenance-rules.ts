import { DISPLAY_TIME_ZONE } from '@app/platform';
import type { MaintenancePolicy } from '../config/core-config.js';

export interface WindowRequest {
  startsAt: Date;
  endsAt: Date;
}

export type WindowCheck = { ok: true; warnings: string[] } | { ok: false; reason: string; code?: string };

/** The quarter a moment falls in, in Mexico City time ("2026-Q4"). */
export function quarterOf(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = parts.find((part) => part.type === 'year')!.value;
  const month = Number(parts.find((part) => part.type === 'month')!.value);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

const QUARTER_WORDS_ES = ['primer', 'segundo', 'tercer', 'cuarto'];

/** "2026-Q4" as a supervisor reads it: "cuarto trimestre de 2026". */
function quarterEs(quarter: string): string {
  const [year, number] = quarter.split('-Q');
  return `${QUARTER_WORDS_ES[Number(number) - 1]} trimestre de ${year}`;
}

/**
 * The support process's rules for planned maintenance: at most 24 hours, announced at least 7 days
 * before it starts, quarterly. A second window in a quarter is allowed with a warning (the process
 * says "quarterly", and an urgent second one must remain possible); the other two are refused.
 */
export function checkWindow(request: WindowRequest, existing: WindowRequest[], policy: MaintenancePolicy, minuteMs: number, now: Date): WindowCheck {
  const durationMs = request.endsAt.getTime() - request.startsAt.getTime();
  if (durationMs <= 0) return { ok: false, reason: 'El fin del mantenimiento debe ser posterior a su inicio.' };
  if (durationMs > policy.maxMinutes * minuteMs) {
    return { ok: false, reason: `Un mantenimiento dura como máximo ${policy.maxMinutes / 60} horas.`, code: 'maintenance_too_long' };
  }
  if (request.startsAt.getTime() - now.getTime() < policy.noticeMinutes * minuteMs) {
    return { ok: false, reason: `Un mantenimiento se anuncia con al menos ${policy.noticeMinutes / (60 * 24)} días de anticipación.`, code: 'maintenance_notice_too_short' };
  }
  const quarter = quarterOf(request.startsAt);
  const sameQuarter = existing.filter((window) => quarterOf(window.startsAt) === quarter);
  const overlapping = existing.filter((window) => window.startsAt < request.endsAt && window.endsAt > request.startsAt);
  const warnings = [
    ...(sameQuarter.length > 0 ? [`Ya hay un mantenimiento en el ${quarterEs(quarter)}: se espera uno por trimestre.`] : []),
    ...(overlapping.length > 0 ? ['Se empalma con otro mantenimiento.'] : []),
  ];
  return { ok: true, warnings };
}
