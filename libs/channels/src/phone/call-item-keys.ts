/**
 * Dedupe keys of a call's stored callbacks all start with `call-<CallSid>-`, so the intake can tell
 * whether other callbacks of the same call are still waiting to be applied.
 */
export const callItemKey = (callSid: string, callback: string): string => `call-${callSid}-${callback}`;

/** Prefix shared by every stored callback of the call, and the one of its status callbacks. */
export const callItemPrefix = (callSid: string): string => callItemKey(callSid, '');
export const callStatusItemPrefix = (callSid: string): string => callItemKey(callSid, 'status-');
