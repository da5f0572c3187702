/** The browser side of an alert: a beep (Web Audio, no file to load) and a desktop notification. */
let audio: AudioContext | null = null;

/** Soft: one short tone; loud: three higher, stronger ones. Silently nothing if the browser forbids sound. */
export function beep(kind: 'soft' | 'loud'): void {
  try {
    audio ??= new AudioContext();
    const tones = kind === 'loud' ? [0, 0.25, 0.5] : [0];
    for (const at of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = kind === 'loud' ? 880 : 660;
      gain.gain.value = kind === 'loud' ? 0.35 : 0.12;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + at);
      oscillator.stop(audio.currentTime + at + 0.18);
    }
  } catch {
    // No audio device or no user gesture yet: the title and the list still show the ticket.
  }
}

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined';

/** Asks the browser for permission (only from a click on the preference); true when granted. */
export async function allowNotifications(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  if (Notification.permission === 'granted') return true;
  return (await Notification.requestPermission()) === 'granted';
}

/** A desktop notification that brings the agent to the ticket; loud ones stay until dismissed. */
export function notify(title: string, body: string, loud: boolean, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag: title, requireInteraction: loud });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
