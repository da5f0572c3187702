import { describe, expect, it } from '@jest/globals';
import { memoryStorage } from './testing/memory-storage.js';
import { alertPlan, DEFAULT_ALERT_PREFERENCES, loadAlertPreferences, saveAlertPreferences, titleWithCount } from './alert-preferences.js';

describe('alert preferences', () => {
  it('should keep each agent’s choice apart when two agents share a browser', () => {
    const storage = memoryStorage();
    saveAlertPreferences(storage, 'ana', { title: false, sound: false, desktop: true });
    expect(loadAlertPreferences(storage, 'ana')).toEqual({ title: false, sound: false, desktop: true });
    expect(loadAlertPreferences(storage, 'omar')).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('should fall back to the defaults when what is stored is not valid', () => {
    const storage = memoryStorage();
    storage.setItem('ventanilla.alerts.ana', '{"sound": "yes"');
    expect(loadAlertPreferences(storage, 'ana')).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('should alert loudly with a notification when the severity is 0 or 1, whatever the agent chose', () => {
    const quiet = { title: false, sound: false, desktop: false };
    expect(alertPlan(quiet, 0)).toEqual({ sound: 'loud', desktop: true });
    expect(alertPlan(quiet, 1)).toEqual({ sound: 'loud', desktop: true });
    expect(alertPlan(quiet, 2)).toEqual({ sound: 'none', desktop: false });
    expect(alertPlan({ title: true, sound: true, desktop: true }, 3)).toEqual({ sound: 'soft', desktop: true });
  });

  it('should put the count in front of the title when there are unopened new tickets and the agent wants it', () => {
    expect(titleWithCount('Ventanilla', 3, true)).toBe('(3) Ventanilla');
    expect(titleWithCount('Ventanilla', 0, true)).toBe('Ventanilla');
    expect(titleWithCount('Ventanilla', 3, false)).toBe('Ventanilla');
  });
});
