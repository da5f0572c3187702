/**
 * The first words of a message, as a ticket subject (at most `max` characters, cut at a word), for
 * channels whose messages have no subject of their own (chat, SMS).
 */
export function firstWordsSubject(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const slice = line.slice(0, max + 1);
  const atWord = slice.replace(/\s+\S*$/, '');
  return `${atWord && atWord.length < slice.length ? atWord : line.slice(0, max)}…`;
}
