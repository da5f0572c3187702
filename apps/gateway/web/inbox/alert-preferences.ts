/**
 * How each agent wants to hear of new tickets. Kept in this browser's localStorage per agent (it is
 * a preference, not a secret); severity 0 and 1 always alert with sound and notification.
 */
export interface AlertPreferences {
  /** "(3) Ventanilla…": unopened new tickets counted in the tab's title. */
  title: boolean;
  sound: boolean;
  desktop: boolean;
}

export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { title: true, sound: true, desktop: false };

const key = (agentId: string): string => `ventanilla.alerts.${agentId}`;

export function loadAlertPreferences(storage: Pick<Storage, 'getItem'>, agentId: string): AlertPreferences {
  try {
    const stored = JSON.parse(storage.getItem(key(agentId)) ?? '{}') as Partial<Record<keyof AlertPreferences, unknown>>;
    const flag = (name: keyof AlertPreferences) => (typeof stored[name] === 'boolean' ? (stored[name] as boolean) : DEFAULT_ALERT_PREFERENCES[name]);
    return { title: flag('title'), sound: flag('sound'), desktop: flag('desktop') };
  } catch {
    return DEFAULT_ALERT_PREFERENCES;
  }
}

export function saveAlertPreferences(storage: Pick<Storage, 'setItem'>, agentId: string, preferences: AlertPreferences): void {
  storage.setItem(key(agentId), JSON.stringify(preferences));
}

/** Loud: severity 0 (service down) and 1 (critical) alert whatever the agent chose. */
export const isLoud = (severity: number): boolean => severity <= 1;

/** How a new ticket is announced, from the agent's choice and its severity. */
export function alertPlan(preferences: AlertPreferences, severity: number): { sound: 'none' | 'soft' | 'loud'; desktop: boolean } {
  if (isLoud(severity)) return { sound: 'loud', desktop: true };
  return { sound: preferences.sound ? 'soft' : 'none', desktop: preferences.desktop };
}

/** The tab's title with the count of unopened new tickets in front ("(2) Ventanilla…"). */
export function titleWithCount(base: string, count: number, enabled: boolean): string {
  return enabled && count > 0 ? `(${count}) ${base}` : base;
}
