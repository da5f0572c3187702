/**
 * GSM 03.38's basic set: a text of only these travels in 7-bit segments of 160 characters (153 when
 * split); one character outside it (á, í, ó, ú, an emoji, a dash "–") sends the whole text as UCS-2,
 * 70 per segment (67 when split). The extension set (€, [, ], {, }, ~, |, ^, \) costs two places.
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** How many SMS a text takes, and in which encoding: what a carrier bills. */
export function smsSegments(text: string): { segments: number; encoding: 'GSM-7' | 'UCS-2' } {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { segments: septets <= 160 ? 1 : Math.ceil(septets / 153), encoding: 'GSM-7' };
  // UCS-2 counts UTF-16 code units: an emoji takes two.
  return { segments: text.length <= 70 ? 1 : Math.ceil(text.length / 67), encoding: 'UCS-2' };
}
