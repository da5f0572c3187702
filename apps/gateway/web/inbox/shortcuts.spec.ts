import { describe, expect, it } from '@jest/globals';
import { isSendKey, isTypingTarget, shortcutFor } from './shortcuts.js';

const key = (name: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: name, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
const body = { tagName: 'BODY' };

describe('shortcutFor', () => {
  it('should move in the list with j and k when no field has the focus', () => {
    expect(shortcutFor(key('j'), body)).toBe('next');
    expect(shortcutFor(key('k'), { tagName: 'BUTTON' })).toBe('previous');
    expect(shortcutFor(key('?'), body)).toBe('help');
  });

  it('should not fire when the agent is typing in a field', () => {
    for (const target of [{ tagName: 'TEXTAREA' }, { tagName: 'INPUT', type: 'search' }, { tagName: 'INPUT' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(shortcutFor(key('j'), target)).toBeNull();
      expect(shortcutFor(key('?'), target)).toBeNull();
    }
  });

  it('should still go back with Esc when the focus is in a field', () => {
    expect(shortcutFor(key('Escape'), { tagName: 'TEXTAREA' })).toBe('back');
  });

  it('should leave the browser’s own shortcuts alone when Ctrl, Alt or Cmd is held', () => {
    expect(shortcutFor(key('r', { ctrlKey: true }), body)).toBeNull();
    expect(shortcutFor(key('k', { metaKey: true }), body)).toBeNull();
  });

  it('should treat a checkbox as not typing when it has the focus', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(shortcutFor(key('x'), { tagName: 'INPUT', type: 'checkbox' })).toBe('select');
  });
});

describe('isSendKey', () => {
  it('should send on Ctrl+Enter or Cmd+Enter but not on Enter alone', () => {
    expect(isSendKey({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSendKey({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSendKey({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
  });
});
