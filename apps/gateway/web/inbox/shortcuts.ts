/** The inbox's keyboard shortcuts: which key does what, and when a key is the agent's typing instead. */
export type ShortcutAction = 'next' | 'previous' | 'search' | 'reply' | 'note' | 'select' | 'back' | 'help';

/** For the `?` sheet, in the order shown. */
export const SHORTCUT_HELP: Array<[string, string]> = [
  ['j / k', 'Siguiente / anterior ticket de la lista'],
  ['Enter', 'Abrir el ticket marcado'],
  ['x', 'Seleccionar el ticket marcado (acciones en grupo)'],
  ['/', 'Buscar'],
  ['r', 'Escribir una respuesta al cliente'],
  ['n', 'Escribir una nota interna'],
  ['Ctrl + Enter', 'Enviar la respuesta o la nota (dentro del cuadro de texto)'],
  ['Esc', 'Salir del campo; si no, cerrar esta ayuda o el ticket (volver a la lista)'],
  ['?', 'Mostrar u ocultar esta ayuda'],
];

const KEYS: Record<string, ShortcutAction> = { j: 'next', k: 'previous', '/': 'search', r: 'reply', n: 'note', x: 'select', '?': 'help', Escape: 'back' };

interface KeyTarget {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

const NOT_TYPING_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** Whether keys pressed here are text the agent types (a field, a list box), not shortcuts. */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TYPING_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** The shortcut a key press means, or null: none while typing (Esc aside), none with Ctrl, Alt or Cmd. */
export function shortcutFor(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, target: KeyTarget | null): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const action = KEYS[event.key];
  if (!action) return null;
  if (isTypingTarget(target) && action !== 'back') return null;
  return action;
}

/** Ctrl+Enter (Cmd+Enter on a Mac) sends from a text box. */
export const isSendKey = (event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean => event.key === 'Enter' && (event.ctrlKey || event.metaKey);
