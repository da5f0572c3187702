import type { Severity } from '../severity/severity.js';
import type { ReportSignature } from './report-signature.js';
import { NO_BACKGROUND, reportSimilarity, type Similarity, type StemBackground } from './report-similarity.js';

/** Thresholds and window of outage detection (INCIDENT_* settings). */
export interface DetectionSettings {
  /** Reports this close together may be one failure. */
  windowMs: number;
  /** How alike a report must be to an incident's reports to join it. */
  joinScore: number;
  /** How alike two unlinked reports must be to count as the same failure. */
  pairScore: number;
  /** Reports that agree before a suspected incident is opened. */
  minReports: number;
  /** A surge: reports in the window at least this many times the usual rate (every severity counts then). */
  surgeFactor: number;
}

// Chosen on the labelled surges (npm run eval:incidents): a wrong link sends a customer another failure's updates, so false links weigh more than missed ones.
export const DEFAULT_DETECTION: DetectionSettings = { windowMs: 30 * 60_000, joinScore: 0.4, pairScore: 0.35, minReports: 3, surgeFactor: 3 };

/** A ticket's first report, as detection sees it. */
export interface Report {
  id: string;
  at: number;
  severity: Severity;
  signature: ReportSignature;
  incidentId: string | null;
  /** Who wrote it: one customer's reports count once towards starting an incident (unknown: each counts). */
  contactId?: string;
}

export interface IncidentView {
  id: string;
  /** Its most recent reports (a few dozen are plenty to compare with). */
  reports: Report[];
}

export type DetectionDecision =
  /** `alsoLinked`: unlinked reports that agreed with this one, joining with it (none for a plain join). */
  | { kind: 'join'; incidentId: string; score: number; reason: string; alsoLinked: string[] }
  | { kind: 'suspect'; reportIds: string[]; score: number; reason: string }
  | { kind: 'none' };

/**
 * Whether a new report belongs to an incident: it joins the incident whose reports it resembles
 * most (any severity: whoever writes about a known failure is one more affected customer), or,
 * with unlinked recent reports that resemble it, from enough different customers, they open a
 * suspected incident together.
 * Only reports of severity 0 or 1 start one, unless the window holds a surge. Pure: the caller
 * brings the window's reports and open incidents.
 */
export function detectIncident(
  report: Report,
  context: { incidents: readonly IncidentView[]; unlinked: readonly Report[]; surge: boolean },
  settings: DetectionSettings = DEFAULT_DETECTION,
  background: StemBackground = NO_BACKGROUND,
): DetectionDecision {
  const closest = closestIncident(report, context.incidents, background);
  if (closest && closest.score >= settings.joinScore) return { kind: 'join', incidentId: closest.incident.id, score: closest.score, reason: explain(closest.evidence, closest.score, closest.evidence.length), alsoLinked: [] };

  const counts = (candidate: Report) => context.surge || candidate.severity <= 1;
  if (!counts(report)) return { kind: 'none' };
  const matches = context.unlinked
    .filter((other) => other.id !== report.id && counts(other) && Math.abs(report.at - other.at) <= settings.windowMs)
    .map((other) => ({ other, similarity: reportSimilarity(report.signature, other.signature, background) }))
    .filter(({ similarity }) => !similarity.conflicting && similarity.score >= settings.pairScore);
  // An outage is many customers: one customer writing five times about one failure is one report.
  const customers = new Set([report, ...matches.map(({ other }) => other)].map((member) => member.contactId ?? member.id));
  if (customers.size < settings.minReports) return { kind: 'none' };
  const score = matches.reduce((sum, { similarity }) => sum + similarity.score, 0) / matches.length;
  // A group that agrees among itself and is close to an incident already open (a pair's bar, not a
  // join's) is more of that failure: it joins rather than splitting the failure in two.
  if (closest && closest.score >= settings.pairScore) {
    return {
      kind: 'join',
      incidentId: closest.incident.id,
      score: closest.score,
      reason: explain(closest.evidence, closest.score, closest.evidence.length),
      alsoLinked: matches.map(({ other }) => other.id),
    };
  }
  return {
    kind: 'suspect',
    reportIds: [...matches.map(({ other }) => other.id), report.id],
    score,
    reason: explain(matches.map(({ similarity }) => similarity), score, matches.length),
  };
}

/** The incident whose most alike reports (top three, on average) resemble the report most. */
function closestIncident(report: Report, incidents: readonly IncidentView[], background: StemBackground): { incident: IncidentView; score: number; evidence: Similarity[] } | undefined {
  let best: { incident: IncidentView; score: number; evidence: Similarity[] } | undefined;
  for (const incident of incidents) {
    const similarities = incident.reports.map((member) => reportSimilarity(report.signature, member.signature, background)).filter((similarity) => !similarity.conflicting);
    const top = similarities.sort((a, b) => b.score - a.score).slice(0, 3);
    const score = top.length === 0 ? 0 : top.reduce((sum, similarity) => sum + similarity.score, 0) / top.length;
    if (!best || score > best.score) best = { incident, score, evidence: top };
  }
  return best;
}

/** Why a link was made, in Spanish for the agents who read it on the incident. */
function explain(similarities: readonly Similarity[], score: number, count: number): string {
  const most = (pick: (similarity: Similarity) => string[]) => {
    const tally = new Map<string, number>();
    for (const similarity of similarities) for (const value of pick(similarity)) tally.set(value, (tally.get(value) ?? 0) + 1);
    return [...tally].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([value]) => value);
  };
  const parts = [
    `se parece a ${count} reporte${count === 1 ? '' : 's'} (puntaje ${score.toFixed(2)})`,
    ...(most((similarity) => similarity.shared.processes).length ? [`mismo proceso: ${most((similarity) => similarity.shared.processes).map((process) => PROCESS_ES[process] ?? process).join(', ')}`] : []),
    ...(most((similarity) => similarity.shared.satCodes).length ? [`mismo código del SAT: ${most((similarity) => similarity.shared.satCodes).join(', ')}`] : []),
    ...(most((similarity) => similarity.shared.errorNumbers).length ? [`mismo error: ${most((similarity) => similarity.shared.errorNumbers).join(', ')}`] : []),
    ...(most((similarity) => similarity.shared.words).length ? [`palabras en común: ${most((similarity) => similarity.shared.words).join(', ')}`] : []),
  ];
  return parts.join('; ');
}

/** The processes detection recognises, as agents and customers name them. */
export const PROCESS_ES: Record<string, string> = {
  stamping: 'timbrado',
  cancelling: 'cancelación',
  'signing in': 'inicio de sesión',
  portal: 'portal',
  api: 'API',
  payroll: 'nómina',
  payments: 'complemento de pagos',
  mail: 'envío de correos',
  downloads: 'descargas',
  'carta porte': 'carta porte',
  reports: 'reportes',
};
