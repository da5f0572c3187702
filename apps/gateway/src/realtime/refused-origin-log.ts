import type { Logger } from '@nestjs/common';

/** One warning per origin per hour: a page embedding the widget reconnects every few seconds. */
const QUIET_MS = 60 * 60 * 1000;
/** Origins remembered at once; past it the memory starts again (any page can send any Origin). */
const ORIGINS_KEPT = 1_000;
/** An Origin header is the sender's to write: only this much of it reaches the log. */
const ORIGIN_SHOWN_CHARS = 200;

/**
 * Says in the log which origins the realtime server refused, so an operator whose portal's chat
 * does not connect sees why (the browser only shows a failed handshake) and which setting to change.
 */
export class RefusedOriginLog {
  private readonly lastWarned = new Map<string, number>();

  constructor(private readonly logger: Pick<Logger, 'warn'>) {}

  refused(origin: string, now = Date.now()): void {
    const shown = JSON.stringify(origin.slice(0, ORIGIN_SHOWN_CHARS));
    const last = this.lastWarned.get(shown);
    if (last !== undefined && now - last < QUIET_MS) return;
    if (this.lastWarned.size >= ORIGINS_KEPT) this.lastWarned.clear();
    this.lastWarned.set(shown, now);
    this.logger.warn(`realtime connection from origin ${shown} refused: not the gateway's own host nor in CHAT_ALLOWED_ORIGINS (said once an hour per origin)`);
  }
}
