/** Support tiers of the process: L1 Help Desk, L2 Operations, L3 Development. */
export const TIERS = ['L1', 'L2', 'L3'] as const;
export type Tier = (typeof TIERS)[number];

/** `merged`: folded into another ticket of the same customer (`mergedIntoId`). */
export const TICKET_STATUSES = ['new', 'open', 'waiting_customer', 'pending_release', 'resolved', 'merged'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who decided a ticket's severity. */
export const SEVERITY_SOURCES = ['auto', 'customer', 'agent'] as const;
export type SeveritySource = (typeof SEVERITY_SOURCES)[number];

export type MessageDirection = 'inbound' | 'outbound';
export type AuthorType = 'contact' | 'agent' | 'system';

/** Matches a ticket number as INTERFACE.md defines it (e.g. IF-000123). */
export const TICKET_NUMBER_PATTERN = /^[A-Z]{2,4}-\d{4,}$/;
/** Finds a ticket number inside free text (subjects, bodies, speech). */
export const TICKET_NUMBER_IN_TEXT = /\b([A-Z]{2,4})-(\d{4,})\b/g;

export const AGENT_ROLES = ['agent', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
