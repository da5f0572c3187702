import type { AgentTypingPayload, ChatEntry, ChatErrorAck, ChatFile, ChatStatus } from '@shared/channels/chat/chat-protocol.js';
import { UPLOAD_EXTENSIONS } from '@shared/channels/contract/upload-kinds.js';
import { ChatConnection, type ConnectionListener } from './chat-connection.js';
import type { PendingRequest } from './conversation-store.js';
import { el } from './dom.js';
import { surveyCard } from './survey-card.js';
import { TEXTS } from './texts-es.js';
import { FULL_SCREEN, TOUCH_SCREEN, WIDGET_CSS } from './widget-styles.js';

const MAX_TEXT_CHARS = 4_000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
/** An agent who said "typing" and then nothing: hide the indicator after this long. */
const TYPING_TIMEOUT_MS = 15_000;

/** The widget's screen: launcher, start form, conversation, notices; wired to a ChatConnection. */
export class ChatWidget implements ConnectionListener {
  private readonly connection: ChatConnection;
  private readonly launcher = el('button', { type: 'button', class: 'vt-launcher', 'aria-expanded': 'false', 'aria-controls': 'vt-panel', 'aria-label': TEXTS.launcherLabel }, TEXTS.launcher);
  private readonly panel = el('section', { id: 'vt-panel', class: 'vt-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'vt-title', hidden: '' });
  private readonly offline = el('p', { class: 'vt-notice vt-offline', role: 'status', hidden: '' });
  private readonly banner = el('p', { class: 'vt-notice vt-banner', role: 'status', hidden: '' });
  private readonly agents = el('p', { class: 'vt-notice vt-agents', role: 'status', hidden: '' });
  private readonly lostNotice = el('p', { class: 'vt-notice', role: 'alert', hidden: '' }, TEXTS.lostConversation);
  private readonly startForm = el('form', { class: 'vt-start', novalidate: '' });
  /** What a refused start says once, out loud; each field's own error is its description, read on focus. */
  private readonly startErrors = el('p', { class: 'vt-visually-hidden', role: 'alert' });
  private readonly conversation = el('div', { class: 'vt-conversation', hidden: '' });
  private readonly log = el('ol', { class: 'vt-log' });
  private readonly typingLine = el('p', { class: 'vt-typing', 'aria-live': 'polite' });
  private readonly composer = el('textarea', { id: 'vt-text', name: 'text', maxlength: String(MAX_TEXT_CHARS), 'aria-describedby': 'vt-hint vt-composer-error' });
  private readonly composerError = el('p', { id: 'vt-composer-error', class: 'vt-field-error', role: 'alert' });
  private readonly fileInput = el('input', { id: 'vt-file', type: 'file', class: 'vt-visually-hidden', accept: UPLOAD_EXTENSIONS.join(','), 'aria-describedby': 'vt-file-hint' });
  private readonly fields = {
    name: el('input', { id: 'vt-name', name: 'name', type: 'text', autocomplete: 'name', required: '', 'aria-describedby': 'vt-name-error' }),
    email: el('input', { id: 'vt-email', name: 'email', type: 'email', autocomplete: 'email', required: '', 'aria-describedby': 'vt-email-error' }),
    rfc: el('input', { id: 'vt-rfc', name: 'rfc', type: 'text', autocomplete: 'off', maxlength: '13', 'aria-describedby': 'vt-rfc-error' }),
    message: el('textarea', { id: 'vt-message', name: 'message', required: '', maxlength: String(MAX_TEXT_CHARS), 'aria-describedby': 'vt-message-error' }),
  };
  private readonly entryElements = new Map<number, HTMLElement>();
  private readonly pendingElements = new Map<string, HTMLElement>();
  private typingTimer?: number;
  private lastStatus?: ChatStatus;

  constructor(root: ShadowRoot, server: string, options: { open: boolean }) {
    this.connection = new ChatConnection(server, this);
    root.append(el('style', {}, WIDGET_CSS), this.build());
    if (this.connection.hasConversation) {
      this.showConversation();
      this.connection.connect();
      this.pendingChanged(this.connection.pending);
    }
    if (options.open) this.open(false);
  }

  // ConnectionListener

  entry(entry: ChatEntry): void {
    const element = this.renderEntry(entry);
    this.entryElements.set(entry.seq, element);
    const next = this.connection.transcript.nextAfter(entry.seq);
    const before = next ? this.entryElements.get(next.seq) : undefined;
    this.log.insertBefore(element, before ?? this.firstPendingElement() ?? null);
    if (entry.type === 'agent:message') this.typing({ typing: false, agentName: entry.agentName });
    this.scrollToEnd();
  }

  pendingChanged(pending: readonly PendingRequest[]): void {
    const waiting = new Set(pending.filter((request) => !this.connection.transcript.hasClientMessage(request.clientId)).map((request) => request.clientId));
    for (const [clientId, element] of this.pendingElements) {
      if (!waiting.has(clientId) && !element.classList.contains('vt-failed')) {
        element.remove();
        this.pendingElements.delete(clientId);
      }
    }
    for (const request of pending) {
      if (!waiting.has(request.clientId) || this.pendingElements.has(request.clientId)) continue;
      const element = this.messageElement('vt-customer vt-pending', TEXTS.you, request.text, TEXTS.sending);
      // Read once, when stored (the entry replaces it); a failure is read (failed()).
      element.setAttribute('aria-hidden', 'true');
      this.pendingElements.set(request.clientId, element);
      this.log.append(element);
    }
    this.scrollToEnd();
  }

  failed(request: PendingRequest, error: ChatErrorAck): void {
    const element = this.pendingElements.get(request.clientId);
    element?.classList.add('vt-failed');
    element?.removeAttribute('aria-hidden');
    const state = element?.querySelector('.vt-state');
    if (state) state.textContent = `${TEXTS.failed}: ${error.error === 'text_too_long' ? TEXTS.errors.tooLong(MAX_TEXT_CHARS) : TEXTS.errors.invalid}`;
    if (request.kind === 'start') this.showStartForm();
  }

  online(online: boolean): void {
    this.offline.hidden = online;
    // Written when it changes, not only shown: a screen reader announces a status whose text changes.
    this.offline.textContent = online ? '' : TEXTS.offline;
  }

  status(status: ChatStatus): void {
    this.lastStatus = status;
    this.banner.hidden = !status.banner;
    this.banner.textContent = status.banner?.text ?? '';
    this.agents.hidden = status.agentsOnline > 0 || this.typingLine.textContent !== '';
    this.agents.textContent = TEXTS.noAgents(this.connection.email);
  }

  typing(typing: AgentTypingPayload): void {
    window.clearTimeout(this.typingTimer);
    // An agent typing is connected, whatever the last presence count said: never both at once.
    if (typing.typing) this.agents.hidden = true;
    this.typingLine.textContent = typing.typing ? TEXTS.typing(typing.agentName) : '';
    if (typing.typing) this.typingTimer = window.setTimeout(() => (this.typingLine.textContent = ''), TYPING_TIMEOUT_MS);
  }

  lost(): void {
    this.clearLog();
    this.lostNotice.hidden = false;
    if (!this.connection.hasConversation) this.showStartForm();
  }

  // Screen

  private build(): HTMLElement {
    const closeButton = el('button', { type: 'button', class: 'vt-close', 'aria-label': TEXTS.close }, '×');
    closeButton.addEventListener('click', () => this.close());
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open(true) : this.close()));
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
      if (event.key === 'Tab' && this.coversPage()) this.keepFocusInside(event);
    });

    this.startForm.append(
      el('p', {}, TEXTS.intro),
      this.startErrors,
      ...this.field('name', TEXTS.name),
      ...this.field('email', TEXTS.email),
      ...this.field('rfc', TEXTS.rfc),
      ...this.field('message', TEXTS.firstMessage),
      el('button', { type: 'submit', class: 'vt-primary' }, TEXTS.start),
    );
    this.startForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitStart();
    });

    const composerForm = el(
      'form',
      { class: 'vt-composer' },
      el('label', { for: 'vt-text' }, TEXTS.composer),
      this.composer,
      this.composerError,
      el(
        'div',
        { class: 'vt-row' },
        el('span', { class: 'vt-attach' }, this.fileInput, el('label', { for: 'vt-file', class: 'vt-attach-label' }, TEXTS.attach), el('span', { id: 'vt-file-hint', class: 'vt-visually-hidden' }, TEXTS.attachHint)),
        // Keys mean nothing on a touch screen: the hint shows only where there is a keyboard (widget-styles.ts).
        el('p', { id: 'vt-hint', class: 'vt-hint' }, TEXTS.composerHint),
        el('button', { type: 'submit', class: 'vt-primary' }, TEXTS.send),
      ),
    );
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) void this.sendFile(file);
    });
    composerForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitMessage();
    });
    this.composer.addEventListener('keydown', (event) => {
      // A phone's keyboard has no Shift+Enter: there Enter writes a new line and the button sends.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !window.matchMedia(TOUCH_SCREEN).matches) {
        event.preventDefault();
        this.submitMessage();
      }
    });
    const newConversation = el('button', { type: 'button', class: 'vt-link' }, TEXTS.newConversation);
    newConversation.addEventListener('click', () => {
      this.connection.forget();
      this.clearLog();
      this.showStartForm();
    });

    // The live region wraps the list: a list with role="log" is no list, and its items would be orphans.
    this.conversation.append(el('div', { class: 'vt-body', role: 'log', 'aria-live': 'polite', 'aria-label': TEXTS.transcript }, this.log), this.typingLine, composerForm, el('div', { class: 'vt-row', style: 'padding: 0 16px 8px' }, newConversation));
    this.panel.append(
      el('header', { class: 'vt-header' }, el('h2', { id: 'vt-title' }, TEXTS.title), el('p', {}, TEXTS.subtitle), closeButton),
      this.offline,
      this.banner,
      this.agents,
      this.lostNotice,
      el('div', { class: 'vt-body vt-start-body' }, this.startForm),
      this.conversation,
    );
    // Its own language, whatever the portal's page says: screen readers read it with a Spanish voice.
    const root = el('div', { class: 'vt-root', lang: 'es-MX' }, this.panel, this.launcher);
    // What is visible of the screen, the keyboard's share taken off: the full-screen panel's height (widget-styles.ts).
    const viewport = window.visualViewport;
    const fit = () => viewport && root.style.setProperty('--vt-visible-height', `${Math.round(viewport.height)}px`);
    viewport?.addEventListener('resize', fit);
    fit();
    return root;
  }

  private field(name: keyof ChatWidget['fields'], label: string): HTMLElement[] {
    return [el('label', { for: `vt-${name}` }, label), this.fields[name], el('p', { id: `vt-${name}-error`, class: 'vt-field-error' })];
  }

  private open(focus: boolean): void {
    this.panel.hidden = false;
    this.panel.parentElement!.classList.add('vt-open');
    // Covering the page, the panel is a modal dialog: focus stays in it until it is closed.
    this.panel.setAttribute('aria-modal', String(this.coversPage()));
    this.launcher.setAttribute('aria-expanded', 'true');
    this.connection.connect();
    if (focus) (this.conversation.hidden ? this.fields.name : this.composer).focus();
  }

  private close(): void {
    this.panel.hidden = true;
    this.panel.parentElement!.classList.remove('vt-open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  private coversPage(): boolean {
    return window.matchMedia(FULL_SCREEN).matches;
  }

  /** Tab from the panel's last control goes to its first, Shift+Tab from its first to its last. */
  private keepFocusInside(event: KeyboardEvent): void {
    const controls = [...this.panel.querySelectorAll<HTMLElement>('button, input, textarea, a[href]')].filter(
      (control) => !control.hasAttribute('disabled') && control.getClientRects().length > 0,
    );
    const focused = (this.panel.getRootNode() as ShadowRoot).activeElement;
    const [first, last] = [controls[0], controls.at(-1)];
    if (!first || !last) return;
    if (!event.shiftKey && focused === last) first.focus();
    else if (event.shiftKey && focused === first) last.focus();
    else return;
    event.preventDefault();
  }

  private submitStart(): void {
    const name = this.fields.name.value.trim();
    const email = this.fields.email.value.trim().toLowerCase();
    const rfc = this.fields.rfc.value.trim().toUpperCase();
    const text = this.fields.message.value.trim();
    const errors = {
      name: name ? '' : TEXTS.errors.name,
      email: EMAIL.test(email) ? '' : TEXTS.errors.email,
      rfc: !rfc || RFC.test(rfc) ? '' : TEXTS.errors.rfc,
      message: !text ? TEXTS.errors.message : text.length > MAX_TEXT_CHARS ? TEXTS.errors.tooLong(MAX_TEXT_CHARS) : '',
    };
    let firstInvalid: HTMLElement | undefined;
    for (const [field, message] of Object.entries(errors) as Array<[keyof typeof errors, string]>) {
      this.startForm.querySelector(`#vt-${field}-error`)!.textContent = message;
      this.fields[field].setAttribute('aria-invalid', message ? 'true' : 'false');
      if (message && !firstInvalid) firstInvalid = this.fields[field];
    }
    // One announcement for the whole form (each field's alert spoke at once before); the focus then
    // reads the first field to fix with its error.
    this.startErrors.textContent = firstInvalid ? TEXTS.errors.fieldsToFix(Object.values(errors).filter(Boolean).length) : '';
    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }
    this.lostNotice.hidden = true;
    this.clearLog();
    this.connection.start({ name, email, ...(rfc ? { rfc } : {}), text });
    this.fields.message.value = '';
    this.showConversation();
    if (this.lastStatus) this.status(this.lastStatus);
    this.composer.focus();
  }

  private submitMessage(): void {
    const text = this.composer.value.trim();
    this.composerError.textContent = text.length > MAX_TEXT_CHARS ? TEXTS.errors.tooLong(MAX_TEXT_CHARS) : '';
    if (!text || text.length > MAX_TEXT_CHARS) return;
    this.connection.send(text);
    this.composer.value = '';
  }

  private async sendFile(file: File): Promise<void> {
    const element = this.messageElement('vt-customer vt-pending', TEXTS.you, TEXTS.uploading(file.name), TEXTS.sending);
    this.log.append(element);
    this.scrollToEnd();
    const ack = await this.connection.upload(file);
    if (ack.ok) {
      element.remove();
      return;
    }
    element.classList.add('vt-failed');
    // The server's reason is already in Spanish for the customer (type, size, too many files).
    element.querySelector('.vt-state')!.textContent = `${TEXTS.failed}: ${ack.message || TEXTS.errors.upload}`;
  }

  private showConversation(): void {
    this.startForm.parentElement!.hidden = true;
    this.conversation.hidden = false;
  }

  private showStartForm(): void {
    this.startForm.parentElement!.hidden = false;
    this.conversation.hidden = true;
  }

  private renderEntry(entry: ChatEntry): HTMLElement {
    switch (entry.type) {
      case 'customer:message':
        return withFiles(this.messageElement('vt-customer', TEXTS.you, entry.text, time(entry.sentAt)), entry.attachments);
      case 'agent:message':
        return withFiles(this.messageElement('vt-agent', entry.agentName, entry.text, time(entry.sentAt)), entry.attachments);
      case 'ticket:confirmed':
        // A card, not a letter: the number, the severity in plain words, what happens next.
        return el(
          'li',
          { class: 'vt-confirmation', 'data-ticket': entry.ticketNumber },
          el('strong', { class: 'vt-ticket' }, TEXTS.ticketTitle(entry.ticketNumber)),
          el('p', { class: 'vt-severity', title: entry.severityMeaning }, entry.severityName ? TEXTS.severityShort(entry.severity, entry.severityName) : TEXTS.severity(entry.severity, entry.severityMeaning)),
          el('p', { class: 'vt-details' }, entry.text),
        );
      case 'survey:request':
        return surveyCard(entry);
    }
  }

  private messageElement(kind: string, author: string, text: string, state: string): HTMLElement {
    return el(
      'li',
      { class: `vt-msg ${kind}` },
      el('span', { class: 'vt-author' }, author),
      el('span', { class: 'vt-text' }, text),
      el('span', { class: 'vt-state' }, state),
    );
  }

  private firstPendingElement(): HTMLElement | undefined {
    return this.pendingElements.values().next().value;
  }

  private clearLog(): void {
    this.log.replaceChildren();
    this.entryElements.clear();
    this.pendingElements.clear();
  }

  /**
   * Keeps the newest entry in view. The confirmation card is taller than the panel, so while it is
   * the newest, its top (the ticket number) is shown. Only the panel scrolls: scrollIntoView would
   * move the host page too.
   */
  private scrollToEnd(): void {
    const body = this.log.parentElement;
    if (!body) return;
    const newest = this.log.lastElementChild;
    if (newest?.classList.contains('vt-confirmation')) body.scrollTop += newest.getBoundingClientRect().top - body.getBoundingClientRect().top;
    else body.scrollTop = body.scrollHeight;
  }
}

/** Files under a message: the customer's own as names, an agent's as download links (only http(s) links). */
function withFiles(element: HTMLElement, files: ChatFile[] | undefined): HTMLElement {
  if (!files?.length) return element;
  const list = el('ul', { class: 'vt-files' });
  for (const file of files) {
    const safeUrl = file.url && /^https?:\/\//.test(file.url) ? file.url : undefined;
    list.append(
      el(
        'li',
        {},
        safeUrl
          ? el('a', { href: safeUrl, download: file.filename, rel: 'noopener noreferrer', target: '_blank', 'aria-label': TEXTS.download(file.filename) }, file.filename)
          : el('span', {}, TEXTS.fileOf(file.filename)),
      ),
    );
  }
  element.insertBefore(list, element.querySelector('.vt-state'));
  return element;
}

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString('es-MX', { hour: '2-digit', minute: '2-digit' });
}
