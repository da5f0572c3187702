import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { WriteBehind } from '../database/write-behind.js';
import type { ChangedTicket } from '../realtime/ticket-change-publisher.js';
import type { Severity } from '../severity/severity.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { PROCESS_ES, detectIncident, type DetectionDecision, type IncidentView, type Report } from './incident-detection.js';
import { IncidentSeverityAligner } from './incident-severity-aligner.js';
import { IncidentsRepository, type IncidentRecord, type ReportRow } from './incidents.repository.js';
import { reportSignature, type ReportSignature } from './report-signature.js';
import { builtStemBackground } from './stem-background-file.js';

/** Reports compared per new one, at most: bounds detection's cost in a surge. */
const RECENT_REPORTS = 400;
/** An incident's latest reports a new one is compared with. */
const INCIDENT_REPORTS = 30;
/** How far back the desk's usual rate is read, to tell a surge. */
const USUAL_RATE_MS = 24 * 3_600_000;
/** How long a worker trusts its reading of the usual rate. */
const USUAL_RATE_TTL_MS = 60_000;
const SIGNATURE_CACHE = 5_000;

export interface DetectionOutcome {
  decision: DetectionDecision['kind'];
  incidentId: string | null;
  /** Tickets whose severity or links changed (to tell the inbox). */
  changed: ChangedTicket[];
}

type DetectionIncident = Pick<IncidentRecord, 'id' | 'title' | 'status' | 'severity'>;

/** What detection knows inside one transaction: the unresolved incidents and the window's reports, as decided so far. */
interface DetectionState {
  incidents: Map<string, { incident: DetectionIncident; reports: Report[] }>;
  reports: Map<string, Report>;
}

function linkInState(state: DetectionState, ticketId: string, entry: { incident: DetectionIncident; reports: Report[] }): void {
  const report = state.reports.get(ticketId);
  if (!report) return;
  const linked = { ...report, incidentId: entry.incident.id };
  state.reports.set(ticketId, linked);
  entry.reports.unshift(linked);
  if (entry.reports.length > INCIDENT_REPORTS) entry.reports.pop();
}

/**
 * Outage detection after a ticket is opened: the new report joins the incident it resembles, or
 * opens a suspected incident with the recent reports that resemble it. Every link records why.
 */
@Injectable()
export class IncidentDetector {
  private readonly logger = new Logger(IncidentDetector.name);
  private readonly signatures = new Map<string, ReportSignature>();
  private usual?: { readAt: number; count: number };

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsRepository,
    private readonly events: TicketEventsRepository,
    private readonly severity: IncidentSeverityAligner,
    private readonly writeBehind: WriteBehind,
  ) {}

  /**
   * New reports considered in order, in one transaction: a group of intakes pays for the lock, the
   * window's reports and the unresolved incidents with theirs once (5 statements with BEGIN and
   * COMMIT, one more about once a minute for the desk's usual rate), plus one link statement per
   * incident the run linked reports to and one INSERT for all the events (both held until the end:
   * on the outage day each run links dozens of reports). Each report sees what the ones before it
   * decided.
   */
  async considerTickets(ticketIds: string[]): Promise<DetectionOutcome[]> {
    if (ticketIds.length === 0) return [];
    return this.dataSource.transaction(async (em) => {
      this.writeBehind.hold(em);
      await this.incidents.lockDetection(em);
      const settings = this.config.incidents;
      const now = Date.now();
      const recent = await this.incidents.recentReports(new Date(now - settings.windowMs), RECENT_REPORTS, em);
      const unresolved = await this.incidents.unresolvedWithReports(INCIDENT_REPORTS, em);
      const state: DetectionState = {
        incidents: new Map(unresolved.map((entry) => [entry.incident.id, { incident: entry.incident, reports: entry.reports.map((row) => this.report(row)) }])),
        reports: new Map(recent.map((row) => [row.id, this.report(row)])),
      };
      const surge = await this.isSurge(recent.length, now, em);
      const outcomes: DetectionOutcome[] = [];
      for (const ticketId of ticketIds) outcomes.push(await this.considerOne(ticketId, state, surge, em));
      await this.writeBehind.release(em);
      return outcomes;
    });
  }

  private async considerOne(ticketId: string, state: DetectionState, surge: boolean, em: EntityManager): Promise<DetectionOutcome> {
    const report = state.reports.get(ticketId);
    // Not in the window (merged, or older), or already linked: at intake, by an agent, or by an earlier callback of its call.
    if (!report || report.incidentId) return { decision: 'none', incidentId: null, changed: [] };
    const views: IncidentView[] = [...state.incidents.values()].map((entry) => ({ id: entry.incident.id, reports: entry.reports }));
    // A dismissed incident's tickets stay linked to it: they do not re-form the false alarm with the next report like them.
    const unlinked = [...state.reports.values()].filter((other) => !other.incidentId && other.id !== ticketId);
    const decision = detectIncident(report, { incidents: views, unlinked, surge }, this.config.incidents, builtStemBackground());
    if (decision.kind === 'join') {
      const entry = state.incidents.get(decision.incidentId)!;
      const outcome = await this.join(decision, report, entry.incident, em);
      for (const id of [report.id, ...decision.alsoLinked]) linkInState(state, id, entry);
      return outcome;
    }
    if (decision.kind === 'suspect') {
      const members = [report, ...unlinked].filter((candidate) => decision.reportIds.includes(candidate.id));
      const outcome = await this.suspect(decision, members, em);
      const entry = { incident: outcome.incident, reports: [] as Report[] };
      state.incidents.set(outcome.incidentId, entry);
      for (const member of members) linkInState(state, member.id, entry);
      return { decision: outcome.decision, incidentId: outcome.incidentId, changed: outcome.changed };
    }
    return { decision: 'none', incidentId: null, changed: [] };
  }

  private async join(decision: Extract<DetectionDecision, { kind: 'join' }>, report: Report, incident: DetectionIncident, em: EntityManager) {
    const ids = [report.id, ...decision.alsoLinked];
    await this.incidents.linkNew(incident.id, ids.map((ticketId) => ({ ticketId, reason: decision.reason, score: decision.score, linkedBy: null })), em);
    for (const ticketId of ids) await this.events.append(ticketId, [{ type: 'incident_linked', data: { incidentId: incident.id, by: 'Ventanilla', reason: decision.reason, score: round(decision.score) } }], em);
    const changed = incident.status === 'open' ? await this.severity.align(ids, incident.severity, `incidente: ${incident.title}`, null, em) : [];
    return { decision: 'join' as const, incidentId: incident.id, changed };
  }

  private async suspect(decision: Extract<DetectionDecision, { kind: 'suspect' }>, members: Report[], em: EntityManager) {
    const severity = Math.min(...members.map((report) => report.severity)) as Severity;
    const title = suspectedTitle(members);
    const incidentId = await this.incidents.insert({ title, severity, status: 'suspected', openedBy: null, detectionReason: decision.reason }, em);
    await this.incidents.linkNew(incidentId, members.map((report) => ({ ticketId: report.id, reason: decision.reason, score: decision.score, linkedBy: null })), em);
    for (const report of members) await this.events.append(report.id, [{ type: 'incident_linked', data: { incidentId, by: 'Ventanilla', reason: decision.reason, score: round(decision.score) } }], em);
    this.logger.log(`suspected incident ${incidentId}: ${members.length} reports (${decision.reason})`);
    const incident: DetectionIncident = { id: incidentId, title, status: 'suspected', severity };
    return { decision: 'suspect' as const, incidentId, changed: [] as ChangedTicket[], incident };
  }

  /** The window holds several times the desk's usual number of new tickets: every severity counts. */
  private async isSurge(inWindow: number, now: number, em: EntityManager): Promise<boolean> {
    const { windowMs, surgeFactor, minReports } = this.config.incidents;
    const usual = ((await this.usualCount(now, windowMs, em)) * windowMs) / USUAL_RATE_MS;
    return inWindow >= surgeFactor * Math.max(usual, minReports * 2);
  }

  /**
   * New tickets in the day before the window. A day's count moves little in a minute, so each worker
   * reads it at most once a minute rather than for every report of a surge.
   */
  private async usualCount(now: number, windowMs: number, em: EntityManager): Promise<number> {
    if (this.usual && now - this.usual.readAt < USUAL_RATE_TTL_MS) return this.usual.count;
    const count = await this.incidents.ticketsOpenedBetween(new Date(now - windowMs - USUAL_RATE_MS), new Date(now - windowMs), em);
    this.usual = { readAt: now, count };
    return count;
  }

  private report(row: ReportRow): Report {
    // A call's report grows when its transcription arrives: the text's length is part of the key.
    const key = `${row.id}:${row.text?.length ?? 0}`;
    let signature = this.signatures.get(key);
    if (!signature) {
      signature = reportSignature(row.subject, row.text ?? '');
      if (this.signatures.size >= SIGNATURE_CACHE) this.signatures.delete(this.signatures.keys().next().value!);
      this.signatures.set(key, signature);
    }
    return { id: row.id, at: row.created_at.getTime(), severity: row.severity as Severity, signature, incidentId: row.incident_id, contactId: row.contact_id };
  }
}

/** A first title agents will edit: the process most reports name, and any SAT code they share. */
function suspectedTitle(reports: readonly Report[]): string {
  const tally = (pick: (report: Report) => Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const report of reports) for (const value of pick(report)) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const process = tally((report) => report.signature.processes);
  const code = tally((report) => report.signature.satCodes);
  return [`Falla en ${process ? PROCESS_ES[process] ?? process : 'el servicio'}`, ...(code ? [`(${code})`] : [])].join(' ');
}

const round = (score: number) => Math.round(score * 100) / 100;
