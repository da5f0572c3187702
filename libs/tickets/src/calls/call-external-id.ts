/** The external id of a call's card message (one per call), which detection also reads back in SQL. */
export const CALL_EXTERNAL_ID_PREFIX = 'call-';

export const callExternalId = (callSid: string): string => `${CALL_EXTERNAL_ID_PREFIX}${callSid}`;
