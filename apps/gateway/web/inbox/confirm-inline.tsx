import type { ComponentChildren } from 'preact';
import { SEVERITY_LABEL } from './labels.js';

/** An action that cannot be taken back asks first, in place: the question, a "yes" and a "no". */
export function ConfirmInline({ question, yes, no = 'No', onYes, onNo }: { question: ComponentChildren; yes: string; no?: string; onYes: () => void; onNo: () => void }) {
  return (
    <span class="confirm" role="alert">
      {question}{' '}
      <button type="button" class="danger" onClick={onYes}>
        {yes}
      </button>{' '}
      <button type="button" class="link" onClick={onNo}>
        {no}
      </button>
    </span>
  );
}

/** The four severities as options, in the words customers read. */
export function SeverityOptions() {
  return (
    <>
      {Object.entries(SEVERITY_LABEL).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
