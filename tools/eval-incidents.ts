// `npm run eval:incidents`: outage detection replayed on the labelled surges in data/incidents.
// Each set is several simultaneous failures mixed with ordinary traffic, in arrival order; each
// report carries the failure it is really about (or none). Detection sees what intake sees: the
// text and the severity the classifier proposes. It reports, per set and overall, false links
// (a report put in an incident of another failure, or of none) and missed links (a report of a
// failure left out of that failure's incident), and how many incidents each failure became.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DETECTION, detectIncident, type DetectionSettings, type IncidentView, type Report } from '../libs/tickets/src/incidents/incident-detection.js';
import { reportSignature } from '../libs/tickets/src/incidents/report-signature.js';
import { stemBackground } from '../libs/tickets/src/incidents/stem-background.js';
import { loadCorpus } from './severity-corpus.js';
import { classifySeverity } from '../libs/tickets/src/severity/severity-classifier.js';

interface SurgeReport {
  id: string;
  set: string;
  at: number;
  channel: string;
  subject: string | null;
  text: string;
  incident: string | null;
}

const DIR = join(process.cwd(), 'data', 'incidents');
/** Ordinary support mail (the severity corpus), for how common each word is. */
const BACKGROUND = stemBackground(loadCorpus().messages);

function replay(reports: SurgeReport[], settings: DetectionSettings): Map<string, string | null> {
  const incidents = new Map<string, IncidentView>();
  const unlinked: Report[] = [];
  const assigned = new Map<string, string | null>();
  let next = 1;
  for (const item of [...reports].sort((a, b) => a.at - b.at)) {
    const at = item.at * 1_000;
    const report: Report = {
      id: item.id,
      at,
      severity: classifySeverity({ subject: item.subject, text: item.text, channel: item.channel }).severity,
      signature: reportSignature(item.subject, item.text),
      incidentId: null,
    };
    const inWindow = (other: Report) => at - other.at <= settings.windowMs;
    const decision = detectIncident(report, {
      incidents: [...incidents.values()].map((incident) => ({ ...incident, reports: incident.reports.filter(inWindow).slice(-30) })),
      unlinked: unlinked.filter(inWindow),
      // The sets carry no day of ordinary traffic to compare with: no surge is declared.
      surge: false,
    }, settings, BACKGROUND);
    if (decision.kind === 'join') {
      const joining = [...unlinked.filter((other) => decision.alsoLinked.includes(other.id)), report];
      incidents.get(decision.incidentId)!.reports.push(...joining);
      for (const member of joining) assigned.set(member.id, decision.incidentId);
      for (let i = unlinked.length - 1; i >= 0; i -= 1) if (decision.alsoLinked.includes(unlinked[i]!.id)) unlinked.splice(i, 1);
    } else if (decision.kind === 'suspect') {
      const id = `incident-${next++}`;
      const members = [...unlinked.filter((other) => decision.reportIds.includes(other.id)), report];
      incidents.set(id, { id, reports: members });
      for (const member of members) assigned.set(member.id, id);
      for (let i = unlinked.length - 1; i >= 0; i -= 1) if (decision.reportIds.includes(unlinked[i]!.id)) unlinked.splice(i, 1);
    } else {
      unlinked.push(report);
      assigned.set(report.id, null);
    }
  }
  return assigned;
}

function score(reports: SurgeReport[], assigned: Map<string, string | null>) {
  const truth = new Map(reports.map((report) => [report.id, report.incident]));
  const members = new Map<string, string[]>();
  for (const [id, incident] of assigned) if (incident) members.set(incident, [...(members.get(incident) ?? []), id]);
  const majority = new Map<string, string | null>();
  for (const [incident, ids] of members) {
    const tally = new Map<string | null, number>();
    for (const id of ids) tally.set(truth.get(id) ?? null, (tally.get(truth.get(id) ?? null) ?? 0) + 1);
    majority.set(incident, [...tally].sort((a, b) => b[1] - a[1])[0]![0]);
  }
  let falseLinks = 0;
  let linked = 0;
  let missed = 0;
  let keyed = 0;
  for (const report of reports) {
    const incident = assigned.get(report.id) ?? null;
    if (incident) {
      linked += 1;
      if (majority.get(incident) !== report.incident || report.incident === null) falseLinks += 1;
    }
    if (report.incident) {
      keyed += 1;
      if (!incident || majority.get(incident) !== report.incident) missed += 1;
    }
  }
  const fragments: Record<string, number> = {};
  for (const key of new Set(reports.map((report) => report.incident).filter((key): key is string => key !== null))) {
    fragments[key] = [...majority.values()].filter((value) => value === key).length;
  }
  return { reports: reports.length, linked, falseLinks, keyed, missed, incidents: members.size, incidentsPerFailure: fragments };
}

/** A threshold to try instead of the default; a typo must not quietly score the thresholds as NaN. */
function thresholdFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, not "${raw}"`);
  return value;
}

/** EVAL_JOIN, EVAL_PAIR, EVAL_MIN override the thresholds, to explore them. */
const settings: DetectionSettings = {
  ...DEFAULT_DETECTION,
  joinScore: thresholdFromEnv('EVAL_JOIN', DEFAULT_DETECTION.joinScore),
  pairScore: thresholdFromEnv('EVAL_PAIR', DEFAULT_DETECTION.pairScore),
  minReports: thresholdFromEnv('EVAL_MIN', DEFAULT_DETECTION.minReports),
};

function main(): number {
  if (!existsSync(DIR)) {
    console.log(`no surge sets under ${DIR}`);
    return 0;
  }
  const totals = { reports: 0, linked: 0, falseLinks: 0, keyed: 0, missed: 0 };
  for (const file of readdirSync(DIR).filter((name) => name.endsWith('.jsonl')).sort()) {
    const reports = readFileSync(join(DIR, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as SurgeReport);
    const started = performance.now();
    const assigned = replay(reports, settings);
    const perEventMs = (performance.now() - started) / reports.length;
    const result = score(reports, assigned);
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += result[key];
    console.log(
      `${file}: ${result.reports} reports, ${result.incidents} incidents; false links ${result.falseLinks}/${result.linked} linked; missed ${result.missed}/${result.keyed} of the failures' reports; incidents per failure ${JSON.stringify(result.incidentsPerFailure)}; ${perEventMs.toFixed(2)} ms per report`,
    );
  }
  const rate = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);
  console.log(`\nAll sets: false links ${totals.falseLinks}/${totals.linked} (${rate(totals.falseLinks, totals.linked)}), missed links ${totals.missed}/${totals.keyed} (${rate(totals.missed, totals.keyed)})`);
  return 0;
}

process.exitCode = main();
