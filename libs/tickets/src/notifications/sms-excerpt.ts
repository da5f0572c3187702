import { cutWhole } from '@app/platform';

/** What a person wrote, inside an SMS notice: the mail carries it whole, the SMS a two-segment part. */
const SMS_EXCERPT_CHARS = 200;

/** At most `SMS_EXCERPT_CHARS` of `text`, cut at a whole word and marked. */
export function smsExcerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > SMS_EXCERPT_CHARS ? `${cutWhole(trimmed, SMS_EXCERPT_CHARS - 1)}…` : trimmed;
}
