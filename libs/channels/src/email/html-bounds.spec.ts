import { describe, expect, it } from '@jest/globals';
import { MAX_HTML_CHARS, MAX_HTML_DEPTH, htmlWithoutTags, parseableHtml } from './html-bounds.js';

describe('parseableHtml', () => {
  it('should keep HTML nested up to the limit when a mail nests that deep', () => {
    const html = '<div>'.repeat(MAX_HTML_DEPTH - 1) + 'hola';
    expect(parseableHtml(html)).toBe(html);
  });

  it('should refuse HTML nested one level past the limit', () => {
    expect(parseableHtml('<div>'.repeat(MAX_HTML_DEPTH + 1) + 'hola')).toBeUndefined();
  });

  it('should count nesting as the parser builds it when elements close, are void or close their own kind', () => {
    const closed = '<div><b>x</b></div>'.repeat(5_000);
    const voids = '<br><img src="cid:a"><hr>'.repeat(5_000);
    const cells = '<table>' + '<tr><td>a<td>b'.repeat(5_000);
    for (const html of [closed, voids, cells]) expect(parseableHtml(html)).toBe(html);
  });

  it('should count elements that only close their own kind when they alternate and so nest', () => {
    expect(parseableHtml('<p><li>'.repeat(MAX_HTML_DEPTH))).toBeUndefined();
  });

  it('should count elements whose end tags hide inside attribute values', () => {
    expect(parseableHtml(`${'<div>'.repeat(900)}${'<span title="</div>">'.repeat(200)}`)).toBeUndefined();
  });

  it('should cut HTML at the length limit', () => {
    expect(parseableHtml('a'.repeat(MAX_HTML_CHARS + 5))).toHaveLength(MAX_HTML_CHARS);
  });
});

describe('htmlWithoutTags', () => {
  it('should leave no tag to parse and keep the text between them', () => {
    const text = htmlWithoutTags('<div><b class="x">Hola</b> a < b <!-- c --> <p class="sin cierre"');
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Hola a < b');
  });
});
