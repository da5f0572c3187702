import { describe, expect, it } from '@jest/globals';
import { cookieValue } from './admin-pages.js';

describe('cookieValue', () => {
  it('should find the named cookie among others, keeping "=" inside its value', () => {
    expect(cookieValue('theme=dark; ventanilla_queues=a.b.c=; other=1', 'ventanilla_queues')).toBe('a.b.c=');
  });

  it('should give nothing when the cookie is absent, empty, only a prefix of another name, or the header is absurdly long', () => {
    expect(cookieValue(undefined, 'ventanilla_queues')).toBeUndefined();
    expect(cookieValue('ventanilla_queues=', 'ventanilla_queues')).toBeUndefined();
    expect(cookieValue('ventanilla_queues_old=x', 'ventanilla_queues')).toBeUndefined();
    expect(cookieValue(`ventanilla_queues=${'x'.repeat(9_000)}`, 'ventanilla_queues')).toBeUndefined();
  });
});
