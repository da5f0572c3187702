/**
 * What the incident routes answer. Type-only, importing nothing the inbox bundle cannot read (the
 * severity module is plain data), so the inbox's incidents view reads the same shapes.
 */
import type { Severity } from '../severity/severity.js';

export const INCIDENT_STATUSES = ['suspected', 'open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** A ticket's channel (the same union as `Channel` of `@app/channels`, spelled out for the inbox bundle). */
export type IncidentChannel = 'email' | 'chat' | 'phone';

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
  /**
   * Set when agents dismissed it as a false alarm (it stays `suspected`: it was never confirmed).
   * A dismissed incident leaves the inbox's strip, the default list, detection and intake.
   */
  dismissedAt: string | null;
  /** The agent who dismissed it (null when not dismissed, or the agent is gone). */
  dismissedBy: string | null;
  dismissReason: string | null;
}

export interface LinkedTicket {
  number: string;
  channel: IncidentChannel;
  status: string;
  subject: string;
  /** The customer as agents know them: name, else email, else phone (null when erased or unknown). */
  customer: string | null;
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
  notReached: Array<{ ticketNumber: string; channel: IncidentChannel; reason: string }>;
}

export interface IncidentDetail extends IncidentSummary {
  resolution: string | null;
  tickets: string[];
  linked: LinkedTicket[];
  updates: IncidentUpdateView[];
  /** Linked customers per channel (what an update will reach). */
  customersByChannel: Partial<Record<IncidentChannel, number>>;
}

/** One update as each channel's customers will read it, and how many it will reach: shown before sending. */
export interface IncidentUpdatePreview {
  kind: 'update' | 'resolution';
  /** The mail, threaded on the customer's ticket (`ticketNumber`: the linked ticket it is shown for). */
  email: { ticketNumber: string; subject: string; text: string };
  chat: { ticketNumber: string; text: string };
  /** The SMS to callers; `characters` of the whole text. */
  sms: { ticketNumber: string; text: string; characters: number };
  /**
   * Linked open tickets per channel (one message each, on its ticket's channel), and of those how many
   * cannot be reached now (no address or number, an address that bounced).
   */
  reach: { email: number; chat: number; sms: number; total: number; unreachable: number };
}
