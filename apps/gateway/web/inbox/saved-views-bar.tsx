import { useState } from 'preact/hooks';
import { loadViews, saveViews, withView, type SavedView } from './saved-views.js';
import type { Me } from './types.js';
import type { Filters } from './url-state.js';

/** Named views: apply one, save the current filters under a name, or delete one (this browser, per agent). */
export function SavedViews({ me, filters, onApply }: { me: Me; filters: Filters; onApply: (filters: Filters) => void }) {
  const [views, setViews] = useState<SavedView[]>(() => loadViews(localStorage, me.id));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const current = views.find((view) => JSON.stringify(view.filters) === JSON.stringify(filters));

  const store = (next: SavedView[]) => {
    saveViews(localStorage, me.id, next);
    setViews(next);
  };

  return (
    <div class="views">
      <label class="inline">
        <span>Vista</span>
        <select
          aria-label="Vistas guardadas"
          value={current?.name ?? ''}
          onChange={(event) => {
            const view = views.find((candidate) => candidate.name === event.currentTarget.value);
            if (view) onApply(view.filters);
          }}
        >
          <option value="">{current ? '' : views.length ? 'Elige una vista…' : 'Sin vistas guardadas'}</option>
          {views.map((view) => (
            <option key={view.name} value={view.name}>
              {view.name}
            </option>
          ))}
        </select>
      </label>
      {current ? (
        <button type="button" class="link" onClick={() => store(views.filter((view) => view !== current))}>
          Borrar vista
        </button>
      ) : naming ? (
        <span class="view-name">
          <input aria-label="Nombre de la vista" value={name} maxLength={60} onInput={(event) => setName(event.currentTarget.value)} />
          <button
            type="button"
            disabled={!name.trim()}
            onClick={() => {
              store(withView(views, { name: name.trim(), filters }));
              setNaming(false);
              setName('');
            }}
          >
            Guardar
          </button>
        </span>
      ) : (
        <button type="button" class="link" onClick={() => setNaming(true)}>
          Guardar vista
        </button>
      )}
    </div>
  );
}
