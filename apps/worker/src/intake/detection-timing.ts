/**
 * How long outage detection gathers new reports before a run, by default
 * (INCIDENT_DETECTION_GATHER_MS): well under the time anyone could act on an incident. A run reads
 * the window's 400 newest reports and every open incident under a lock all workers share, about
 * 17 ms of Postgres whatever the number of new reports, so below saturation its cost follows the
 * number of runs (at 40 events/s and 250 ms: 3 ms of Postgres per event).
 */
export const DEFAULT_DETECTION_GATHER_MS = 1_000;

/**
 * Reports waiting for outage detection beyond which an intake job waits for its report's run before
 * it ends (detection has fallen behind), by default (INCIDENT_DETECTION_BACKLOG): below it the job
 * ends at once, so the gather does not hold the worker's job slots (with INTAKE_CONCURRENCY slots, a
 * 250 ms hold capped a worker at four times that many jobs a second; a 1 s hold, tried, cut calls
 * from 130 to 87 a second).
 */
export const DEFAULT_DETECTION_BACKLOG = 1_000;

/** When a worker runs outage detection on the reports intake hands it. */
export interface DetectionTiming {
  gatherMs: number;
  backlog: number;
}
