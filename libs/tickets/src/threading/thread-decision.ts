/** A ticket the inbound message might belong to, with who has taken part in it. */
export interface ThreadCandidate {
  ticketId: string;
  /** Lower-cased addresses or numbers of the ticket's contact and of everyone who wrote on it. */
  participants: string[];
}

export interface ThreadEvidence {
  /** Ticket of a message the inbound one answers (In-Reply-To / References): unguessable, always trusted. */
  byReference?: string;
  /** Tickets whose number the sender quoted. */
  byNumber: ThreadCandidate[];
}

export type ThreadDecision = { ticketId: string; via: 'reference' | 'ticket_number' } | undefined;

/**
 * Decides which ticket an inbound message joins. A quoted ticket number only counts when the sender
 * already takes part in that ticket, so nobody can append to a stranger's ticket by guessing numbers.
 */
export function decideThread(sender: string | undefined, evidence: ThreadEvidence): ThreadDecision {
  if (evidence.byReference) return { ticketId: evidence.byReference, via: 'reference' };
  if (!sender) return undefined;
  const normalisedSender = sender.toLowerCase();
  const match = evidence.byNumber.find((candidate) => candidate.participants.includes(normalisedSender));
  return match ? { ticketId: match.ticketId, via: 'ticket_number' } : undefined;
}
