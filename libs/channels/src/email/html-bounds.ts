import { Parser } from 'htmlparser2';

/**
 * Longest HTML a mail hands to the HTML libraries (sanitize-html, html-to-text); the rest is cut.
 * They take about 1 µs a character (0.3 s for 256 KiB of table cells), and their work grows with
 * length times nesting depth, so both are bounded. Gmail clips at 102 KB; the raw mail keeps all.
 */
export const MAX_HTML_CHARS = 256 * 1024;

/**
 * Deepest element nesting handed to them: htmlparser2 keeps its open elements at the front of an
 * array (quadratic in depth) and html-to-text recurses per level (its stack overflows near 3,000).
 * Mailparser uses the same limit; Chrome itself flattens markup nested deeper than 512 levels.
 */
export const MAX_HTML_DEPTH = 1_000;

// Thrown from a parser callback to stop reading as soon as the limit is crossed.
const DEPTH_EXCEEDED = new Error('HTML nested too deep');

/**
 * The HTML cut to `MAX_HTML_CHARS`, or undefined when its elements nest deeper than `MAX_HTML_DEPTH`
 * as htmlparser2 (the parser of both libraries) reads it. Linear: the read stops at the limit.
 */
export function parseableHtml(html: string): string | undefined {
  const bounded = html.slice(0, MAX_HTML_CHARS);
  return nestsDeeperThan(bounded, MAX_HTML_DEPTH) ? undefined : bounded;
}

/** The HTML cut to `MAX_HTML_CHARS` without its tags, in one linear pass (for markup too deep to parse). */
export function htmlWithoutTags(html: string): string {
  // Every "<" that could open a tag goes with everything up to its ">" (or the end, where the cut may
  // have left half a tag), so no element is left to parse.
  return html.slice(0, MAX_HTML_CHARS).replace(/<(?:[a-zA-Z/!?][^>]*)?(?:>|$)/g, ' ');
}

function nestsDeeperThan(html: string, maxDepth: number): boolean {
  let depth = 0;
  // Every element the parser opens (also void and implied ones) is closed by one onclosetag call.
  const parser = new Parser({
    onopentagname: () => {
      depth++;
      if (depth > maxDepth) throw DEPTH_EXCEEDED;
    },
    onclosetag: () => {
      depth--;
    },
  });
  try {
    parser.end(html);
  } catch (error) {
    if (error === DEPTH_EXCEEDED) return true;
    throw error;
  }
  return false;
}
