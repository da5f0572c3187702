import { useState } from 'preact/hooks';
import { api, errorText } from './api.js';
import { REVIEW_LABEL } from './labels.js';
import type { Me, TicketDetail } from './types.js';

/** Who set the severity: an agent's decision replaces the classifier's proposal, which it keeps on the ticket. */
function origin(ticket: TicketDetail): string {
  if (ticket.severitySource === 'agent') return 'Severidad fijada por un agente.';
  if (ticket.severitySource === 'customer') return 'Severidad elegida por el cliente.';
  if (ticket.severityConfidence === null) return 'Severidad asignada automáticamente.';
  // The classifier had no words to read (a call before its transcription, a mail of attachments only).
  if (ticket.severityConfidence === 0) return 'Sin descripción del cliente todavía: la severidad queda por revisar.';
  return `Propuesta del clasificador, confianza ${Math.floor(ticket.severityConfidence * 100)} %${ticket.severityModelVersion ? ` (modelo ${ticket.severityModelVersion})` : ''}.`;
}

/**
 * What the classifier proposed and why; while the ticket waits for review, whoever may set the
 * severity (L1, L2, administrators) confirms it here or changes it with the ticket's actions.
 */
export function SeverityProposal({ me, ticket, onDone }: { me: Me; ticket: TicketDetail; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const maySet = me.role === 'admin' || me.tier !== 'L3';
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/tickets/${ticket.number}/confirm-severity`, {});
      onDone();
    } catch (caught) {
      setError(errorText(caught, 'No se pudo confirmar la severidad.'));
    } finally {
      setBusy(false);
    }
  };
  // "elegida por el cliente" would repeat the line above it.
  const reasons = ticket.severityReasons.filter((reason) => !(ticket.severitySource === 'customer' && reason === 'elegida por el cliente'));
  return (
    <div class={ticket.severityReview ? 'severity-proposal review' : 'severity-proposal'}>
      <p>
        {ticket.severityReview && <strong class="badge review">{REVIEW_LABEL}</strong>}{' '}
        {origin(ticket)}
        {ticket.severityReview && maySet && (
          <>
            {' '}
            <button type="button" disabled={busy} onClick={() => void confirm()}>
              Confirmar severidad
            </button>
          </>
        )}
      </p>
      {reasons.length > 0 && (
        <ul class="severity-reasons" aria-label="Motivos">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {error && <p class="error">{error}</p>}
    </div>
  );
}
