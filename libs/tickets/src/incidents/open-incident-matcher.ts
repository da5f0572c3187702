import { Inject, Injectable } from '@nestjs/common';
import { CachedRead } from '@app/platform';
import { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { Severity } from '../severity/severity.js';
import { detectIncident, type IncidentView } from './incident-detection.js';
import { IncidentsRepository } from './incidents.repository.js';
import { reportSignature } from './report-signature.js';
import { builtStemBackground } from './stem-background-file.js';

/** Open incidents and their latest reports are read again after this long (intake asks for every new ticket). */
const REFRESH_MS = 3_000;
const INCIDENT_REPORTS = 30;

export interface OpenIncidentMatch {
  incidentId: string;
  title: string;
  severity: Severity;
  score: number;
  reason: string;
}

/**
 * Whether a new report is about an incident agents have confirmed, decided inside intake so that the
 * ticket is linked at once, takes the incident's severity and its confirmation says the failure is
 * known. Reads a snapshot of open incidents at most a few seconds old: one just confirmed is matched
 * by the detection that runs after intake meanwhile.
 */
@Injectable()
export class OpenIncidentMatcher {
  private readonly snapshot = new CachedRead(REFRESH_MS, () => this.readOpenIncidents());

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsRepository,
  ) {}

  async match(subject: string, text: string): Promise<OpenIncidentMatch | null> {
    const open = await this.snapshot.get();
    if (open.length === 0) return null;
    const report = { id: 'new', at: Date.now(), severity: 3 as Severity, signature: reportSignature(subject, text), incidentId: null };
    const decision = detectIncident(report, { incidents: open, unlinked: [], surge: false }, this.config.incidents, builtStemBackground());
    if (decision.kind !== 'join') return null;
    const incident = open.find((candidate) => candidate.id === decision.incidentId)!;
    return { incidentId: incident.id, title: incident.title, severity: incident.severity, score: decision.score, reason: decision.reason };
  }

  private async readOpenIncidents(): Promise<Array<IncidentView & { title: string; severity: Severity }>> {
    return (await this.incidents.unresolvedWithReports(INCIDENT_REPORTS, this.dataSource.manager, true)).map(({ incident, reports }) => ({
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      reports: reports.map((row) => ({ id: row.id, at: row.created_at.getTime(), severity: row.severity as Severity, signature: reportSignature(row.subject, row.text ?? ''), incidentId: incident.id })),
    }));
  }
}
