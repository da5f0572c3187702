import { useEffect, useRef, useState } from 'preact/hooks';
import { UPLOAD_EXTENSIONS } from '@shared/channels/contract/upload-kinds.js';
import { fillCannedText } from '@shared/tickets/canned/canned-variables.js';
import { api, ApiError, errorText } from './api.js';
import { useCannedResponses } from './canned-responses.js';
import { CHANNEL_LABEL, SEVERITY_LABEL, STATUS_LABEL } from './labels.js';
import type { LiveUpdates } from './live-updates.js';
import { loadDraft, saveDraft } from './drafts.js';
import { smsSize } from './sms-size.js';
import { COMPOSE_EVENT } from './shortcut-keys.js';
import { isSendKey } from './shortcuts.js';
import type { CannedResponse, Me, TicketDetail } from './types.js';
import { ErrorLine } from './error-line.js';

/** Where a public reply goes, in words the agent can check before sending. */
function destination(ticket: TicketDetail): string {
  switch (ticket.channel) {
    case 'email':
      return `por correo a ${ticket.contact.email ?? 'el cliente'}`;
    case 'chat':
      return `por el chat del portal${ticket.contact.email ? ` (y por correo a ${ticket.contact.email} si ya no está conectado)` : ''}`;
    case 'phone':
      return `por SMS al ${ticket.contact.phone ?? 'número del cliente'}${ticket.contact.email ? ` y por correo a ${ticket.contact.email}` : ''}`;
  }
}

/** What the server takes; it checks the content, this only helps the file picker. */
const ACCEPTED_FILES = UPLOAD_EXTENSIONS.join(',');

/** A reply with a file goes as a form: the fields as text, the file as `file`. */
function replyForm(body: string, internal: boolean, version: string, force: boolean, file: File): FormData {
  const form = new FormData();
  // The API wants words; a file sent alone says what it is.
  form.set('body', body.trim() || `Archivo adjunto: ${file.name}`);
  form.set('internal', String(internal));
  form.set('baseVersion', version);
  form.set('force', String(force));
  form.set('file', file, file.name);
  return form;
}

/** What a macro also does when the reply is sent, in words. */
function macroSummary(macro: CannedResponse): string {
  const parts = [
    macro.setSeverity !== null ? `severidad → ${SEVERITY_LABEL[macro.setSeverity]}` : null,
    macro.setStatus === 'resolved' ? 'resolver el ticket (el texto es la solución)' : macro.setStatus ? `estado → ${STATUS_LABEL[macro.setStatus]}` : null,
  ];
  return parts.filter(Boolean).join(' y ');
}

/**
 * Reply to the customer through their channel, or write an internal note; canned responses fill the
 * box (variables filled in), and a macro also changes status and severity when the reply is sent.
 * The reply carries the version the agent read; if someone wrote meanwhile the API answers 409 and
 * the agent decides.
 */
export function ReplyBox({ me, ticket, live, onSent }: { me: Me; ticket: TicketDetail; live: LiveUpdates; onSent: () => void }) {
  // The ticket's draft, if one was kept, is put back by the effect below (on each ticket it shows).
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What the last send did, said to screen readers too (the timeline that shows it is no live region).
  const [sent, setSent] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [macro, setMacro] = useState<CannedResponse | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // SMS carries no file (see docs/inbox.md); a note may keep one on any ticket.
  const filesRefused = !internal && ticket.channel === 'phone';
  const canned = useCannedResponses();
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The version the agent had read when this draft began. Live updates refresh the ticket under the
  // draft, so its current version would always pass the API's collision check: the draft's does not
  // when someone wrote meanwhile.
  const draftBase = useRef<string | null>(null);
  const edit = (next: string) => {
    if (next) setSent(null);
    draftBase.current = next.trim() ? (draftBase.current ?? ticket.version) : null;
    saveDraft(ticket.number, next);
    setBody(next);
  };
  useEffect(() => {
    draftBase.current = null;
    setBody(loadDraft(ticket.number));
  }, [ticket.number]);

  useEffect(() => {
    const compose = (event: Event) => {
      setInternal((event as CustomEvent<string>).detail === 'note');
      textarea.current?.focus();
    };
    document.addEventListener(COMPOSE_EVENT, compose);
    return () => document.removeEventListener(COMPOSE_EVENT, compose);
  }, []);

  const insert = (response: CannedResponse) => {
    const text = fillCannedText(response.body, {
      cliente: ticket.contact.name,
      ticket: ticket.number,
      agente: me.name,
      correo: ticket.contact.email,
      asunto: ticket.subject,
      severidad: SEVERITY_LABEL[ticket.severity],
    });
    const box = textarea.current;
    // At the cursor, so a greeting already typed stays.
    const at = box && document.activeElement === box ? box.selectionStart : body.length;
    const next = body ? `${body.slice(0, at)}${body.slice(0, at).endsWith('\n') || at === 0 ? '' : '\n'}${text}${body.slice(at)}` : text;
    edit(next);
    if (response.setStatus !== null || response.setSeverity !== null) {
      setMacro(response);
      setInternal(false);
    }
    setTimeout(() => box?.focus(), 0);
  };

  const clearFile = () => {
    setFile(null);
    // A refusal of the file goes with it.
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const send = async (force: boolean) => {
    if (busy || (!body.trim() && !file) || (file && filesRefused)) return;
    setBusy(true);
    setError(null);
    setSent(null);
    const path = `/api/tickets/${ticket.number}`;
    const pending = internal ? null : macro;
    let step = 'send';
    try {
      // A resolving macro sends its text as the resolution (one message to the customer, not two).
      if (pending?.setStatus === 'resolved') {
        if (pending.setSeverity !== null && pending.setSeverity !== ticket.severity) {
          step = 'severity';
          await api('PATCH', path, { severity: pending.setSeverity });
        }
        step = 'resolve';
        await api('POST', `${path}/resolve`, { resolution: body });
      } else {
        const baseVersion = draftBase.current ?? ticket.version;
        await api('POST', `${path}/replies`, file ? replyForm(body, internal, baseVersion, force, file) : { body, internal, baseVersion, force });
        if (pending?.setSeverity !== null && pending?.setSeverity !== undefined && pending.setSeverity !== ticket.severity) {
          step = 'severity';
          await api('PATCH', path, { severity: pending.setSeverity });
        }
        if (pending?.setStatus && pending.setStatus !== ticket.status) {
          step = 'status';
          await api('PATCH', path, { status: pending.setStatus });
        }
      }
      edit('');
      setChanged(false);
      setMacro(null);
      clearFile();
      setSent(internal ? 'Nota interna guardada.' : pending?.setStatus === 'resolved' ? 'Respuesta enviada; el ticket quedó resuelto.' : 'Respuesta enviada.');
      onSent();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409 && failure.details.reason === 'timeline_changed') {
        setChanged(true);
        // Told, and shown the timeline as it is now: the next send is measured from here.
        draftBase.current = ticket.version;
      }
      else {
        const what = errorText(failure, 'No se pudo enviar; revisa la conexión.');
        setError(step === 'send' || step === 'resolve' ? what : `La respuesta se envió, pero la macro no pudo cambiar ${step === 'severity' ? 'la severidad' : 'el estado'}: ${what}`);
        if (step !== 'send' && step !== 'resolve') {
          edit('');
          setMacro(null);
          onSent();
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const closed = ticket.status === 'merged';
  return (
    <form
      class={`reply ${internal ? 'internal' : ''}`}
      aria-label="Responder"
      onSubmit={(event) => {
        event.preventDefault();
        void send(false);
      }}
    >
      <div class="reply-top">
        <fieldset class="reply-mode">
          <legend class="visually-hidden">Escribir</legend>
          <label>
            <input type="radio" name="mode" checked={!internal} onChange={() => setInternal(false)} /> Respuesta al cliente ({CHANNEL_LABEL[ticket.channel]})
          </label>
          <label>
            <input type="radio" name="mode" checked={internal} onChange={() => setInternal(true)} /> Nota interna
          </label>
        </fieldset>
        {canned.length > 0 && (
          <label class="inline canned-picker">
            <span class="visually-hidden">Respuesta predefinida</span>
            <select
              aria-label="Respuesta predefinida"
              value=""
              disabled={closed}
              onChange={(event) => {
                const chosen = canned.find((response) => response.id === event.currentTarget.value);
                if (chosen) insert(chosen);
              }}
            >
              <option value="">Respuestas predefinidas…</option>
              {canned.map((response) => (
                <option key={response.id} value={response.id}>
                  {response.title}
                  {response.setStatus !== null || response.setSeverity !== null ? ' (macro)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p class="reply-destination">{internal ? 'Solo la verán los agentes.' : `Se enviará ${destination(ticket)}.`}</p>
      <label class="reply-body">
        <span class="visually-hidden">{internal ? 'Nota' : 'Respuesta'}</span>
        <textarea
          id="reply-body"
          ref={textarea}
          name="body"
          aria-label={internal ? 'Nota' : 'Respuesta'}
          aria-describedby="reply-keys"
          rows={3}
          required={!file}
          disabled={closed}
          value={body}
          onKeyDown={(event) => {
            if (isSendKey(event)) {
              event.preventDefault();
              void send(false);
            }
          }}
          onInput={(event) => {
            edit(event.currentTarget.value);
            live.typing(!internal && ticket.channel === 'chat');
          }}
        />
      </label>
      {!internal && ticket.channel === 'phone' && body.trim() && (
        // The SMS adds the ticket's number before the text; the carrier bills by segment.
        <p class="hint sms-size" aria-live="polite">
          Tu texto: {smsSize(body)}
        </p>
      )}
      <div class="reply-file">
        <input
          id="reply-file"
          ref={fileInput}
          type="file"
          class="visually-hidden"
          accept={ACCEPTED_FILES}
          disabled={closed || filesRefused || Boolean(macro?.setStatus === 'resolved' && !internal)}
          aria-describedby="reply-file-hint"
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
        {/* The browser's own button speaks the browser's language; this label speaks Spanish. */}
        <label for="reply-file" class="file-button">
          {file ? `Archivo: ${file.name}` : 'Adjuntar archivo'}
        </label>
        {file && (
          <button type="button" class="link" onClick={clearFile}>
            Quitar {file.name}
          </button>
        )}
        <span id="reply-file-hint" class="hint">
          {filesRefused ? 'Las respuestas por SMS no llevan archivos; puedes adjuntarlo a una nota interna.' : 'Imágenes, PDF, XML o ZIP.'}
        </span>
      </div>
      {macro && !internal && (
        <p class="macro" role="status">
          Macro «{macro.title}»: al enviar, también {macroSummary(macro)}.{' '}
          <button type="button" class="link" onClick={() => setMacro(null)}>
            Solo enviar el texto
          </button>
        </p>
      )}
      {changed && (
        <div class="warning" role="alert">
          El ticket cambió mientras escribías (llegó un mensaje o respondió otro agente). Revisa el historial antes de enviar.
          <button type="button" onClick={() => void send(true)} disabled={busy}>
            Enviar de todos modos
          </button>
        </div>
      )}
      <ErrorLine message={error} />
      <p class="hint reply-sent" role="status">
        {sent ?? ''}
      </p>
      <div class="reply-send">
        <span id="reply-keys" class="hint">
          Ctrl + Enter envía
        </span>
        <button type="submit" class="primary" disabled={busy || closed || (!body.trim() && !file) || Boolean(file && filesRefused)}>
          {internal ? 'Guardar nota' : macro?.setStatus === 'resolved' ? 'Enviar y resolver' : 'Enviar respuesta'}
        </button>
      </div>
    </form>
  );
}
