/** A planned maintenance window, as customers are told about it. */
export interface AnnouncedWindow {
  startsAt: Date;
  endsAt: Date;
}

/** Tells the channels which maintenance to announce (the chat widget's banner, the phone menu). The apps wire it. */
export interface MaintenanceCalendar {
  /** The announced window going on at `now`, or starting soon enough to remind customers of it. */
  windowToAnnounce(now: Date): Promise<AnnouncedWindow | null>;
}

export const MAINTENANCE_CALENDAR = Symbol('MAINTENANCE_CALENDAR');
