/** Half of a UTF-16 surrogate pair standing alone: no keyboard makes one, a broken client can send one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with each lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` does
 * (ES2024, past this build's library): Postgres refuses one in JSON, which would fail its request.
 */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/**
 * At most `max` UTF-16 units of `text`, never half a character: a cut between the two halves of an
 * emoji leaves a lone surrogate, which a mail subject shows as U+FFFD.
 */
export function cutWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
