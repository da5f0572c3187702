import { convert as htmlToText, type HtmlToTextOptions } from 'html-to-text';
import { htmlWithoutTags, parseableHtml } from './html-bounds.js';

/**
 * The plain text of a mail's HTML body: html-to-text within the bounds of `parseableHtml`, or the
 * text between the tags when the markup nests deeper than any mail client writes.
 */
export function mailHtmlToText(html: string, options: HtmlToTextOptions): string {
  return htmlToText(parseableHtml(html) ?? htmlWithoutTags(html), options);
}
