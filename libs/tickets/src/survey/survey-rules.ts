import { createHmac, timingSafeEqual } from 'node:crypto';

/** The public page of a survey; its link carries the survey's id and a signature, nothing stored. */
export const SURVEY_PATH = '/encuesta';

/**
 * Stands for the link in the copy kept on the ticket: agents never see a working link (nobody rates
 * their own work); the worker puts the real one in only when it sends.
 */
export const SURVEY_LINK_PLACEHOLDER = '[enlace de la encuesta: solo va en el mensaje enviado]';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** How each rating reads (es-MX), on the page, in the widget and in the reports. */
export const RATING_LABELS_ES: Record<Rating, string> = { 1: 'Muy mala', 2: 'Mala', 3: 'Regular', 4: 'Buena', 5: 'Excelente' };

export const SURVEY_COMMENT_MAX = 2_000;

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function signSurvey(key: string, surveyId: string): string {
  return createHmac('sha256', key).update(`satisfaction-survey:${surveyId}`).digest('base64url');
}

export function surveyUrl(publicBaseUrl: string, key: string, surveyId: string): string {
  return `${publicBaseUrl}${SURVEY_PATH}?id=${surveyId}&firma=${signSurvey(key, surveyId)}`;
}

/** The survey id a link names, when its signature is right; undefined for anything else (malformed or forged). */
export function verifiedSurveyId(key: string, id: unknown, signature: unknown): string | undefined {
  if (typeof id !== 'string' || !UUID.test(id) || typeof signature !== 'string' || !SIGNATURE.test(signature)) return undefined;
  return timingSafeEqual(Buffer.from(signSurvey(key, id)), Buffer.from(signature)) ? id : undefined;
}

/** A rating sent as a whole SMS ("5", "5."), as the survey's SMS asks; undefined for any other text. */
export const ratingInSms = (text: string): Rating | undefined => parseRating(text.trim().replace(/[.!]$/, ''));

/** A rating as it comes from a form or JSON ("5" or 5); undefined when it is not 1 to 5. */
export function parseRating(value: unknown): Rating | undefined {
  const number = typeof value === 'string' && /^[1-5]$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && (RATINGS as readonly number[]).includes(number) ? (number as Rating) : undefined;
}
