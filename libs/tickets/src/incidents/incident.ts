import type { Channel } from '@app/channels';
import type { Severity } from '../severity/severity.js';

export const INCIDENT_STATUSES = ['suspected', 'open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident as the API lists it (the contract's `Incident`). */
export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  openedAt: string;
  confirmedAt: string | null;
  resolvedAt: string | null;
  ticketCount: number;
  /** Why Ventanilla suspected it (null when an agent opened it). */
  detectionReason: string | null;
  countsAsDowntime: boolean;
  lastUpdateAt: string | null;
  nextUpdateDueAt: string | null;
}

export interface LinkedTicket {
  number: string;
  channel: Channel;
  status: string;
  subject: string;
  linkedAt: string;
  /** Who linked it: an agent's name, or null when detection did. */
  linkedBy: string | null;
  reason: string;
  score: number | null;
}

/** One update on the incident's timeline, and how far it reached. */
export interface IncidentUpdateView {
  id: string;
  kind: 'update' | 'resolution';
  body: string;
  authorName: string;
  createdAt: string;
  recipients: number;
  sent: number;
  pending: number;
  failed: number;
  /** Customers it could not reach, and why (no address, address undeliverable, provider refused). */
  notReached: Array<{ ticketNumber: string; channel: Channel; reason: string }>;
}

export interface IncidentDetail extends IncidentSummary {
  resolution: string | null;
  tickets: string[];
  linked: LinkedTicket[];
  updates: IncidentUpdateView[];
  /** Linked customers per channel (what an update will reach). */
  customersByChannel: Partial<Record<Channel, number>>;
}
