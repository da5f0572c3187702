import { randomUUID } from 'node:crypto';
import { DomainError, wellFormed } from '@app/platform';
import type { ChatErrorCode } from './chat-protocol.js';

/** Bad input from a chat client: answered with an error ack naming the field. */
export class ChatInputError extends DomainError {
  constructor(
    readonly code: Extract<ChatErrorCode, 'invalid_payload' | 'text_too_long'>,
    message: string,
  ) {
    super(message);
  }
}

export interface ChatStartInput {
  name: string;
  email: string;
  rfc?: string;
  text: string;
  clientId: string;
}

export interface ChatMessageInput {
  text: string;
  clientId: string;
}

const NAME_MAX = 120;
const EMAIL_MAX = 254;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** RFC of a company (3 letters) or a person (4), date, homoclave. */
const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Validates `chat:start`; throws `ChatInputError` naming the first bad field. */
export function parseChatStart(payload: unknown, maxTextChars: number): ChatStartInput {
  const fields = asObject(payload);
  const name = requiredString(fields, 'name', NAME_MAX);
  const email = requiredString(fields, 'email', EMAIL_MAX).toLowerCase();
  if (!EMAIL.test(email)) throw new ChatInputError('invalid_payload', 'email debe ser un correo electrónico válido');
  const rfcValue = fields.rfc === undefined || fields.rfc === null ? '' : fields.rfc;
  if (typeof rfcValue !== 'string') throw new ChatInputError('invalid_payload', 'rfc debe ser texto');
  const rfc = rfcValue.trim().toUpperCase();
  if (rfc && !RFC.test(rfc)) throw new ChatInputError('invalid_payload', 'rfc debe ser un RFC válido (por ejemplo, XAXX010101000)');
  return { name, email, ...(rfc ? { rfc } : {}), text: chatText(fields, 'message', maxTextChars), clientId: clientId(fields) };
}

/** Validates `chat:message`. */
export function parseChatMessage(payload: unknown, maxTextChars: number): ChatMessageInput {
  const fields = asObject(payload);
  return { text: chatText(fields, 'text', maxTextChars), clientId: clientId(fields) };
}

/** The largest sequence number a conversation can reach (a Postgres integer). */
const MAX_SEQ = 2_147_483_647;

/** Validates `chat:sync`: the last sequence the client saw. */
export function parseChatSync(payload: unknown): number {
  const afterSeq = payload === undefined ? 0 : asObject(payload).afterSeq;
  if (afterSeq === undefined) return 0;
  if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0 || afterSeq > MAX_SEQ) {
    throw new ChatInputError('invalid_payload', `afterSeq debe ser un número entero de 0 a ${MAX_SEQ}`);
  }
  return afterSeq;
}

function asObject(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ChatInputError('invalid_payload', 'el mensaje debe ser un objeto');
  }
  return payload as Record<string, unknown>;
}

/**
 * Control characters other than tabs and line breaks: no keyboard types them, and Postgres refuses a
 * NUL in text or JSON, which would fail the message (mail drops NULs too).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * What a chat customer typed, as it is stored: line breaks normalised, control characters dropped,
 * a lone surrogate made U+FFFD (Postgres refuses both in JSON), surrounding blanks trimmed. Typed
 * messages and the text sent with a file both go through it.
 */
export function cleanChatText(raw: string): string {
  return wellFormed(raw.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '')).trim();
}

function requiredString(fields: Record<string, unknown>, name: string, max: number): string {
  const raw = fields[name];
  const value = typeof raw === 'string' ? wellFormed(raw.replace(CONTROL_CHARACTERS, '')).trim() : '';
  if (value === '') throw new ChatInputError('invalid_payload', `${name} es obligatorio y debe ser texto`);
  if (value.length > max) throw new ChatInputError('invalid_payload', `${name} debe tener como máximo ${max} caracteres`);
  return value;
}

/** The customer's text, kept as text (`cleanChatText`). */
function chatText(fields: Record<string, unknown>, name: string, max: number): string {
  const raw = fields[name];
  const text = typeof raw === 'string' ? cleanChatText(raw) : '';
  if (text === '') throw new ChatInputError('invalid_payload', `${name} es obligatorio y debe ser texto`);
  if (text.length > max) throw new ChatInputError('text_too_long', `${name} debe tener como máximo ${max} caracteres`);
  return text;
}

/** The client's id of a message; one the client did not send gets a fresh id (no retransmission guard then). */
function clientId(fields: Record<string, unknown>): string {
  const value = fields.clientId;
  if (value === undefined) return randomUUID();
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) {
    throw new ChatInputError('invalid_payload', 'clientId debe tener de 8 a 64 letras, dígitos, "-" o "_"');
  }
  return value;
}
