import { refusalText } from './errors-es.js';
import { session } from './session.js';

export { session } from './session.js';

/** A refusal of the API: its status, the server's message, and its code when it sends one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly code: string | null = null,
  ) {
    super(message);
  }

  /** What the agent reads: always Spanish (errors-es.ts). */
  get text(): string {
    return refusalText(this);
  }
}

/** The Spanish text for any failure of an API call, or `fallback` when it never reached the API. */
export const errorText = (failure: unknown, fallback: string): string => (failure instanceof ApiError ? failure.text : fallback);

const TICKET_PATH = /^\/api\/tickets\/([A-Z]{2,4}-\d+)/;
/** A change this tab made announces itself back over the live connection shortly after. */
const OWN_CHANGE_MS = 10_000;
const ownChanges = new Map<string, number>();

/** Whether this agent, in this tab, changed the ticket a moment ago (so its live echo is not news). */
export function isOwnChange(number: string): boolean {
  return (ownChanges.get(number) ?? 0) > Date.now() - OWN_CHANGE_MS;
}

/** Calls the API with a JSON body, or a form (`FormData`: a reply with a file) sent as multipart. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const ticket = TICKET_PATH.exec(path)?.[1];
  if (method !== 'GET' && ticket) ownChanges.set(ticket, Date.now());
  const form = body instanceof FormData;
  const response = await fetch(path, {
    method,
    headers: {
      ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/auth/login') {
    session.token = null;
    session.unauthorized();
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const details = (payload.details ?? {}) as Record<string, unknown>;
    const code = payload.code ?? details.code ?? details.reason;
    throw new ApiError(response.status, String(payload.message ?? response.statusText), details, typeof code === 'string' ? code : null);
  }
  return payload as T;
}

/** Downloads an attachment with the agent's token and hands it to the browser as a file. */
export async function download(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
  if (!response.ok) throw new ApiError(response.status, 'No se pudo descargar el archivo');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
