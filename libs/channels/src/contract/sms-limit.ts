/**
 * Twilio's limit for one message body, in characters. The sender cuts anything longer (Twilio would
 * refuse it); what an agent writes is checked against it before it is queued, so nothing is cut.
 */
export const SMS_MAX_CHARS = 1_600;
