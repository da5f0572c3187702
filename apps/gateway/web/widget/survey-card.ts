import type { SurveyAnswerAck, SurveyRequestPayload } from '@shared/channels/chat/chat-protocol.js';
import { el } from './dom.js';
import { TEXTS } from './texts-es.js';

/**
 * The satisfaction survey in the chat: five buttons that answer the survey's signed link with one
 * click, then an optional comment. The server keeps the first answer; a second says so.
 */
export function surveyCard(entry: SurveyRequestPayload): HTMLElement {
  const status = el('p', { class: 'vt-survey-status', role: 'status' });
  const buttons = el('div', { class: 'vt-ratings', role: 'group', 'aria-label': TEXTS.survey.ratingsLabel });
  const card = el('li', { class: 'vt-survey', 'data-ticket': entry.ticketNumber }, el('strong', {}, TEXTS.survey.question(entry.ticketNumber)), buttons, status);

  const commentBox = el('textarea', { id: `vt-survey-comment-${entry.ticketNumber}`, maxlength: '2000' });
  const commentForm = el(
    'form',
    { class: 'vt-survey-comment' },
    el('label', { for: commentBox.id }, TEXTS.survey.commentLabel),
    commentBox,
    el('button', { type: 'submit', class: 'vt-primary' }, TEXTS.survey.sendComment),
  );
  commentForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = commentBox.value.trim();
    if (!text) return;
    void answer(entry.url, { comentario: text }).then((ack) => {
      status.textContent = ack.ok ? TEXTS.survey.commentThanks : ack.message || TEXTS.survey.failed;
      if (ack.ok) commentForm.remove();
    });
  });

  // Once answered (now, or before this card was drawn again after a reload): the answer, not the buttons.
  const showAnswered = (rating: number, commented: boolean) => {
    buttons.remove();
    status.textContent = TEXTS.survey.thanks(rating);
    if (!commented && !commentForm.isConnected) card.append(commentForm);
  };
  void standing(entry.url).then((ack) => {
    if (ack?.ok && ack.rating !== null && buttons.isConnected) showAnswered(ack.rating, ack.comment);
  });

  for (const [rating, label] of TEXTS.survey.ratings.entries()) {
    const button = el('button', { type: 'button', class: 'vt-rating' }, `${rating + 1} · ${label}`);
    button.addEventListener('click', () => {
      for (const other of buttons.querySelectorAll('button')) other.setAttribute('disabled', '');
      void answer(entry.url, { calificacion: String(rating + 1) }).then((ack) => {
        // The buttons go: focus moves on (to the comment, else the card), not to the page's top.
        if (ack.ok) {
          showAnswered(ack.rating ?? rating + 1, ack.comment);
          if (commentForm.isConnected) commentBox.focus();
          else focusCard(card);
          return;
        }
        status.textContent = ack.message || TEXTS.survey.failed;
        if (ack.code === 'survey_already_answered') {
          buttons.remove();
          focusCard(card);
        }
        else for (const other of buttons.querySelectorAll('button')) other.removeAttribute('disabled');
      });
    });
    buttons.append(button);
  }
  return card;
}

function focusCard(card: HTMLElement): void {
  card.setAttribute('tabindex', '-1');
  card.focus();
}

/** Where the survey stands (undefined when that cannot be read: the buttons stay, and answering says so). */
async function standing(url: string): Promise<SurveyAnswerAck | undefined> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return response.ok ? ((await response.json()) as SurveyAnswerAck) : undefined;
  } catch {
    return undefined;
  }
}

async function answer(url: string, fields: Record<string, string>): Promise<SurveyAnswerAck> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams(fields) });
    return (await response.json()) as SurveyAnswerAck;
  } catch {
    return { ok: false, code: 'network', message: '' };
  }
}
