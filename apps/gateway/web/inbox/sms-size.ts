import { smsSegments } from '@shared/channels/contract/sms-segments.js';

/** "171 caracteres · 3 SMS (con acentos o símbolos: hasta 70 caracteres por SMS)": what the customer's carrier counts. */
export function smsSize(text: string): string {
  const { segments, encoding } = smsSegments(text);
  return `${[...text].length} caracteres · ${segments === 1 ? '1 SMS' : `${segments} SMS`}${encoding === 'UCS-2' ? ' (con acentos o símbolos: hasta 70 caracteres por SMS)' : ''}`;
}
