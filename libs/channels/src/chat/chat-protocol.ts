/**
 * The live chat's wire protocol (socket.io namespace `/chat`), shared by the gateway and the widget.
 * Type declarations and constants only: the widget bundles this file, so it imports nothing.
 */

export const CHAT_NAMESPACE = '/chat';

/** Event names; INTERFACE.md fixes `chat:start`, `chat:message`, `ticket:confirmed`, `agent:message`. */
export const CHAT_EVENTS = {
  // client → server (each answered through the socket.io acknowledgement)
  start: 'chat:start',
  message: 'chat:message',
  sync: 'chat:sync',
  // server → client
  session: 'chat:session',
  status: 'chat:status',
  confirmed: 'ticket:confirmed',
  agentMessage: 'agent:message',
  customerMessage: 'customer:message',
  agentTyping: 'agent:typing',
  surveyRequest: 'survey:request',
} as const;

/** `auth` of the socket.io handshake: a stored conversation token resumes that conversation. */
export interface ChatHandshakeAuth {
  token?: string;
}

export interface ChatStartRequest {
  name: string;
  email: string;
  message: string;
  rfc?: string;
  /** Client-generated id of the first message: a retransmitted start finds the same conversation. */
  clientId?: string;
}

export interface ChatStartAck {
  conversationId: string;
  /** Keep it (the widget uses localStorage) and present it as `auth.token` to resume. */
  token: string;
  /** Sequence of the first message in the transcript. */
  seq: number;
  /**
   * The first message as stored. A new conversation's first message is not also sent as a
   * `customer:message` event: no other connection can be in a conversation that did not exist.
   */
  entry: ChatEntry;
}

export interface ChatMessageRequest {
  text: string;
  /** Client-generated id: a retransmission with the same id is stored once. */
  clientId?: string;
}

export type ChatErrorCode =
  | 'invalid_payload'
  | 'text_too_long'
  | 'no_conversation'
  | 'rate_limited'
  | 'unavailable';

/** Every request that fails is answered with this ack; `retryable` ones may be sent again as they are. */
export interface ChatErrorAck {
  error: ChatErrorCode;
  /** What is wrong, in English, naming the field. */
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

export interface ChatMessageAck {
  ok: true;
  seq: number;
}

export interface ChatSyncRequest {
  /** The last sequence the client has seen; 0 for the whole transcript. */
  afterSeq: number;
}

export interface ChatSyncAck {
  entries: ChatEntry[];
  /** True when there is more after the last entry returned: ask again from its seq. */
  more: boolean;
}

/** Sent once per connection after the handshake. */
export type ChatSession =
  | { state: 'resumed'; conversationId: string; lastSeq: number }
  /** No conversation on this connection yet; `invalid_token` means a stored token was not recognised. */
  | { state: 'new'; reason?: 'invalid_token' };

/** What the widget should tell the customer about the service (sent on connect and when it changes). */
export interface ChatStatus {
  /** Agents connected to the inbox right now. */
  agentsOnline: number;
  /** Without agents, answers also arrive by email. */
  emailFallback: boolean;
  /** A notice to show above the conversation (e.g. announced maintenance); null when there is none. */
  banner: ChatBanner | null;
}

export interface ChatBanner {
  kind: 'maintenance' | 'incident' | 'notice';
  /** Spanish text for the customer. */
  text: string;
  /** ISO times, when the notice concerns a window. */
  startsAt?: string;
  endsAt?: string;
}

/** A file in the conversation: what the customer sent, or (with `url`) a link to one an agent sent. */
export interface ChatFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** Agents' files: a signed link that works without a token until it expires. */
  url?: string;
}

/** `POST /chat/files` (multipart: `file`, `text`?, `clientId`?, header `X-Chat-Token`): a file from the customer. */
export const CHAT_FILES_PATH = '/chat/files';
export const CHAT_TOKEN_HEADER = 'x-chat-token';

/** Answer of `POST /chat/files`: the customer message it became, or why not (`message` in Spanish). */
export type ChatFileAck = { ok: true; seq: number } | { ok: false; code: string; message: string; retryAfterMs?: number };

/** Payloads of the transcript, by event; every entry has the conversation's sequence `seq`. */
export interface CustomerMessagePayload {
  text: string;
  clientId: string;
  sentAt: string;
  attachments?: ChatFile[];
}

export interface TicketConfirmedPayload {
  ticketNumber: string;
  severity: number;
  /** The severity's meaning in Spanish. */
  severityMeaning: string;
  /** The severity in plain words ("Incidente específico"). */
  severityName?: string;
  /** The chat's short confirmation (when we answer, how to add more), in Spanish, as plain text. */
  text: string;
  sentAt: string;
}

export interface AgentMessagePayload {
  text: string;
  agentName: string;
  sentAt: string;
  attachments?: ChatFile[];
}

/** After resolution: the widget shows rating buttons that answer `url` (POST, form field `calificacion`, 1-5). */
export interface SurveyRequestPayload {
  ticketNumber: string;
  /** The survey's signed link; POST `calificacion` (and later `comentario`) with `Accept: application/json`. */
  url: string;
  sentAt: string;
}

/** What the survey link answers to a JSON POST. */
export type SurveyAnswerAck = { ok: true; rating: number | null; comment: boolean } | { ok: false; code: string; message: string };

export interface AgentTypingPayload {
  typing: boolean;
  agentName: string;
}

export type ChatEntry =
  | ({ seq: number; type: 'customer:message' } & CustomerMessagePayload)
  | ({ seq: number; type: 'ticket:confirmed' } & TicketConfirmedPayload)
  | ({ seq: number; type: 'agent:message' } & AgentMessagePayload)
  | ({ seq: number; type: 'survey:request' } & SurveyRequestPayload);
