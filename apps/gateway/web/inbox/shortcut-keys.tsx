import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUT_HELP, shortcutFor } from './shortcuts.js';

/** Asks the reply box to take the focus, as a reply to the customer or an internal note. */
export const COMPOSE_EVENT = 'inbox:compose';

const rows = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.ticket-row')].filter((row) => row.offsetParent !== null);

/** Moves the focus one ticket down (+1) or up (-1) the list, starting from the focused or open one. */
function moveInList(step: 1 | -1): void {
  const list = rows();
  if (list.length === 0) return;
  const focused = list.indexOf(document.activeElement as HTMLElement);
  const current = focused >= 0 ? focused : list.findIndex((row) => row.classList.contains('selected'));
  const next = current < 0 ? (step === 1 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, current + step));
  list[next]!.focus();
  list[next]!.scrollIntoView({ block: 'nearest' });
}

/**
 * The inbox's shortcuts (shortcuts.ts says which key does what and when typing wins); the list
 * moves and the reply box are found in the page, `help` and `back` are the app's.
 */
export function useShortcuts(enabled: boolean, handlers: { help: () => void; back: () => void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor(event, event.target as HTMLElement | null);
      if (!action) return;
      switch (action) {
        case 'next':
        case 'previous':
          moveInList(action === 'next' ? 1 : -1);
          break;
        case 'search':
          document.querySelector<HTMLInputElement>('#ticket-search')?.focus();
          break;
        case 'reply':
        case 'note':
          if (!document.querySelector('.reply textarea')) return;
          document.dispatchEvent(new CustomEvent(COMPOSE_EVENT, { detail: action }));
          break;
        case 'select': {
          const row = (document.activeElement as HTMLElement | null)?.closest('li');
          const box = row?.querySelector<HTMLInputElement>('input.row-select');
          if (!box) return;
          box.click();
          break;
        }
        case 'help':
          latest.current.help();
          break;
        case 'back':
          // Esc's own default in a search field empties it without an input event: the list would stay
          // filtered under an empty box. Leaving the field keeps what the list shows.
          if ((event.target as HTMLElement | null)?.matches?.('input[type="search"]')) event.preventDefault();
          latest.current.back();
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** The `?` sheet: every shortcut, as a modal dialog that Esc or its button closes. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div class="dialog-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <section
        class="dialog shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        // Modal: its one control keeps the focus (Tab would reach the page behind the backdrop).
        onKeyDown={(event) => {
          if (event.key !== 'Tab') return;
          event.preventDefault();
          closeButton.current?.focus();
        }}
      >
        <h2 id="shortcut-title">Atajos de teclado</h2>
        <p class="hint">No se activan mientras escribes en un campo (salvo Ctrl + Enter y Esc).</p>
        <dl>
          {SHORTCUT_HELP.map(([keys, meaning]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeButton} onClick={onClose}>
          Cerrar
        </button>
      </section>
    </div>
  );
}
