import { describe, expect, it } from '@jest/globals';
import { memoryStorage } from './testing/memory-storage.js';
import { loadViews, saveViews, withView } from './saved-views.js';
import { DEFAULT_FILTERS } from './url-state.js';

describe('saved views', () => {
  it('should keep each agent’s views apart and read back what was saved', () => {
    const storage = memoryStorage();
    const views = withView([], { name: 'Sev 0 abiertos', filters: { ...DEFAULT_FILTERS, severity: '0', status: 'open' } });
    saveViews(storage, 'ana', views);
    expect(loadViews(storage, 'ana')).toEqual(views);
    expect(loadViews(storage, 'omar')).toEqual([]);
  });

  it('should replace a view when one with the same name is saved again', () => {
    const first = withView([], { name: 'Chat', filters: { ...DEFAULT_FILTERS, channel: 'chat' } });
    const second = withView(first, { name: 'chat', filters: { ...DEFAULT_FILTERS, channel: 'chat', sla: 'at_risk' } });
    expect(second).toEqual([{ name: 'chat', filters: { ...DEFAULT_FILTERS, channel: 'chat', sla: 'at_risk' } }]);
  });

  it('should ignore what is not a view when storage holds something else', () => {
    const storage = memoryStorage();
    storage.setItem('ventanilla.views.ana', JSON.stringify([{ name: 1 }, { name: 'Bien', filters: { status: 'new', evil: '<x>' } }, 'x']));
    expect(loadViews(storage, 'ana')).toEqual([{ name: 'Bien', filters: { ...DEFAULT_FILTERS, status: 'new' } }]);
  });
});
