import { Injectable } from '@nestjs/common';
import { CachedRead } from '@app/platform';
import type { KnownOutage, OutageBoard } from '@app/channels';
import { MaintenanceWindowsRepository } from '../maintenance/maintenance-windows.repository.js';
import type { Severity } from '../severity/severity.js';
import { IncidentsRepository } from './incidents.repository.js';

/** What the portal, the chat widget and the phone menu tell everyone: open incidents and maintenance. */
export interface PublicStatus {
  incidents: Array<{ title: string; severity: Severity; since: string; lastUpdate: { at: string; text: string } | null }>;
  maintenance: Array<{ startsAt: string; endsAt: string; description: string; active: boolean }>;
}

/** Anyone may ask, often: answers are reused for this long. */
const CACHE_MS = 5_000;

@Injectable()
export class PublicStatusService implements OutageBoard {
  private readonly cache = new CachedRead(CACHE_MS, () => this.read());

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly windows: MaintenanceWindowsRepository,
  ) {}

  current(): Promise<PublicStatus> {
    return this.cache.get();
  }

  /** The open incidents, for the chat widget's banner and the phone menu's announcement. */
  async knownOutages(): Promise<KnownOutage[]> {
    return (await this.current()).incidents.map((incident) => ({ title: incident.title, since: new Date(incident.since) }));
  }

  /** Forget the cached answer (this process just changed an incident). */
  invalidate(): void {
    this.cache.invalidate();
  }

  private async read(): Promise<PublicStatus> {
    const now = new Date();
    const open = await this.incidents.open();
    const incidents = [];
    for (const incident of open) {
      const last = await this.incidents.latestUpdate(incident.id);
      incidents.push({ title: incident.title, severity: incident.severity, since: incident.openedAt, lastUpdate: last ? { at: last.at, text: last.body } : null });
    }
    const maintenance = (await this.windows.endingAfter(now)).map((window) => ({
      startsAt: window.startsAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
      description: window.description,
      active: window.startsAt <= now,
    }));
    return { incidents, maintenance };
  }
}
