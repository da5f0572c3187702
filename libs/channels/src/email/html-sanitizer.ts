import sanitizeHtml from 'sanitize-html';
import { parseableHtml } from './html-bounds.js';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a', 'b', 'blockquote', 'br', 'caption', 'code', 'div', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'hr', 'i', 'img', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
    'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  // Only inline parts of the mail itself; remote images would tell the sender the mail was read.
  allowedSchemesByTag: { a: ['http', 'https', 'mailto'], img: ['cid'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'noscript', 'title', 'head', 'iframe', 'object'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
  // Only the mail's own inline parts: relative or remote sources would load from elsewhere.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^cid:/i.test(frame.attribs['src'] ?? ''),
};

/**
 * Customer HTML made safe to show to agents: no scripts, no event handlers, no styles that could
 * overlay the inbox, no remote content (only `cid:` images of the mail's own parts). HTML longer than
 * `MAX_HTML_CHARS` is cut (with a notice), and HTML nested deeper than `MAX_HTML_DEPTH` is dropped
 * (''): the message's text stands for it then.
 */
export function sanitizeMailHtml(html: string): string {
  const parseable = parseableHtml(html);
  if (parseable === undefined) return '';
  const sanitized = sanitizeHtml(parseable, OPTIONS).trim();
  return parseable.length < html.length ? `${sanitized}\n${CUT_NOTICE}` : sanitized;
}

const CUT_NOTICE = '<p><em>[Mensaje recortado: el correo original es más largo.]</em></p>';
