import { useEffect, useRef, useState } from 'preact/hooks';
import type { IncidentDetail, IncidentUpdatePreview, IncidentUpdateView } from '@shared/tickets/incidents/incident-shapes.js';
import { api, errorText } from './api.js';
import { ConfirmInline } from './confirm-inline.js';
import { ErrorLine } from './error-line.js';
import { smsSize } from './sms-size.js';

/** The preview is asked for once typing pauses this long. */
const PREVIEW_DELAY_MS = 350;
const MAX_CHARS = 5_000;

type Kind = 'update' | 'resolution';

const customers = (count: number) => (count === 1 ? '1 cliente' : `${count} clientes`);

/** "3 por correo, 2 por chat y 1 por SMS". */
function perChannel(reach: { email: number; chat: number; sms: number }): string {
  const parts = [
    ...(reach.email ? [`${reach.email} por correo`] : []),
    ...(reach.chat ? [`${reach.chat} por chat`] : []),
    ...(reach.sms ? [`${reach.sms} por SMS`] : []),
  ];
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]}`;
}

/**
 * One message for every linked customer: as the agent types, the server renders it as each channel
 * will send it (the same formatting the broadcast uses) and counts whom it will reach.
 */
export function IncidentCompose({ incident, onSent }: { incident: IncidentDetail; onSent: (what: string) => void }) {
  const [kind, setKind] = useState<Kind>('update');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<IncidentUpdatePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    if (!body.trim()) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    const timer = setTimeout(() => {
      api<IncidentUpdatePreview>('POST', `/api/incidents/${incident.id}/updates/preview`, { body, kind }).then(
        (answer) => {
          if (request !== latest.current) return;
          setPreview(answer);
          setPreviewError(null);
        },
        (failure: unknown) => {
          if (request === latest.current) setPreviewError(errorText(failure, 'No se pudo generar la vista previa.'));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [body, kind, incident.id, incident.title]);

  // Until there is text to preview, the linked tickets say whom it will reach.
  const known = incident.customersByChannel;
  const reach = preview?.reach ?? { email: known.email ?? 0, chat: known.chat ?? 0, sms: known.phone ?? 0, unreachable: 0, total: (known.email ?? 0) + (known.chat ?? 0) + (known.phone ?? 0) };
  const shows = (count: number) => count > 0 || reach.total === 0;
  const ready = Boolean(body.trim()) && !sending;

  const send = async () => {
    setConfirming(false);
    setSending(true);
    try {
      const sent = await api<IncidentUpdateView>('POST', `/api/incidents/${incident.id}/${kind === 'resolution' ? 'resolve' : 'updates'}`, { body });
      setError(null);
      setBody('');
      onSent(`${kind === 'resolution' ? 'Incidente resuelto; resolución enviada' : 'Actualización enviada'} a ${customers(sent.recipients)}.`);
    } catch (failure) {
      setError(errorText(failure, 'No se pudo enviar; revisa la conexión.'));
    }
    setSending(false);
  };

  return (
    <section class="incident-compose" aria-labelledby="incident-compose-title">
      <h3 id="incident-compose-title">Escribir a todos los clientes vinculados</h3>
      <fieldset class="reply-mode">
        <legend class="visually-hidden">Tipo de mensaje</legend>
        <label>
          <input type="radio" name="incident-kind" checked={kind === 'update'} onChange={() => setKind('update')} /> Actualización
        </label>
        <label>
          <input type="radio" name="incident-kind" checked={kind === 'resolution'} onChange={() => setKind('resolution')} /> Resolución (resuelve todos los tickets vinculados)
        </label>
      </fieldset>
      <label class="reply-body">
        {kind === 'resolution' ? 'Qué se hizo (lo reciben todos los clientes vinculados)' : 'Mensaje para los clientes'}
        <textarea rows={4} maxLength={MAX_CHARS} value={body} onInput={(event) => setBody(event.currentTarget.value)} />
      </label>
      <p class="incident-reach" aria-live="polite">
        {reach.total === 0 ? (
          'No hay tickets abiertos vinculados: el mensaje no llegaría a nadie.'
        ) : (
          <>
            Llegará a <strong>{customers(reach.total)}</strong>: {perChannel(reach)}.
            {reach.unreachable > 0 && ` ${reach.unreachable === 1 ? '1 de ellos no tiene' : `${reach.unreachable} de ellos no tienen`} a dónde enviarlo (sin correo o número, o su correo rebotó).`}
          </>
        )}
      </p>
      <ErrorLine message={previewError} />
      {preview && (
        // Only the channels its customers are on (all three while none is linked, to show the wording).
        <div class="incident-previews" aria-label="Vista previa por canal" role="group">
          {shows(reach.email) && (
            <section class="preview" aria-labelledby="preview-email-title">
              <h4 id="preview-email-title">Correo</h4>
              <p class="meta">Así lo lee el cliente de {preview.email.ticketNumber} (en el hilo de su ticket)</p>
              <p class="preview-subject">Asunto: {preview.email.subject}</p>
              <pre class="preview-text">{preview.email.text}</pre>
            </section>
          )}
          {shows(reach.chat) && (
            <section class="preview" aria-labelledby="preview-chat-title">
              <h4 id="preview-chat-title">Chat</h4>
              <p class="meta">Así lo lee el cliente de {preview.chat.ticketNumber}</p>
              <pre class="preview-text">{preview.chat.text}</pre>
            </section>
          )}
          {shows(reach.sms) && (
            <section class="preview" aria-labelledby="preview-sms-title">
              <h4 id="preview-sms-title">SMS</h4>
              <p class="meta">
                Así lo lee el cliente de {preview.sms.ticketNumber} · {smsSize(preview.sms.text)}
              </p>
              <pre class="preview-text">{preview.sms.text}</pre>
            </section>
          )}
        </div>
      )}
      <div class="reply-send">
        {confirming ? (
          <ConfirmInline
            question={`¿Resolver el incidente y los tickets de ${customers(reach.total)}, y avisarles?`}
            yes="Sí, resolver"
            onYes={() => void send()}
            onNo={() => setConfirming(false)}
          />
        ) : (
          <button type="button" class="primary" disabled={!ready || (kind === 'update' && reach.total === 0)} onClick={() => (kind === 'resolution' ? setConfirming(true) : void send())}>
            {kind === 'resolution' ? `Resolver y avisar a ${customers(reach.total)}` : `Enviar actualización a ${customers(reach.total)}`}
          </button>
        )}
      </div>
      <ErrorLine message={error} />
    </section>
  );
}
