import { describe, expect, it } from '@jest/globals';
import { sanitizeMailHtml } from './html-sanitizer.js';

describe('sanitizeMailHtml', () => {
  it('should drop scripts and event handlers when the mail carries them', () => {
    const html = sanitizeMailHtml('<p onclick="steal()">Hola</p><script>alert(1)</script><img src="cid:x" onerror="alert(2)">');
    expect(html).toBe('<p>Hola</p><img src="cid:x" />');
  });

  it('should not load remote images when the mail links them', () => {
    expect(sanitizeMailHtml('<p>Logo</p><img src="https://tracker.example/pixel.gif">')).toBe('<p>Logo</p>');
  });

  it('should neutralise javascript links and open others safely when links are present', () => {
    expect(sanitizeMailHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(sanitizeMailHtml('<a href="https://sat.gob.mx">SAT</a>')).toContain('href="https://sat.gob.mx"');
  });

  it('should remove styles and iframes that could cover the inbox when present', () => {
    expect(sanitizeMailHtml('<style>body{display:none}</style><iframe src="https://x"></iframe><div style="position:fixed">a</div>')).toBe(
      '<div>a</div>',
    );
  });
});

describe('sanitizeMailHtml on images', () => {
  it('should drop images with relative sources so nothing loads from the inbox’s own origin', () => {
    expect(sanitizeMailHtml('<img src="x" onerror="alert(1)"><img src="/api/agents">')).toBe('');
  });
});
