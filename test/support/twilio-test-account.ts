/** The Twilio account the phone suites sign their webhooks with (the fault suite and the customer stack keep their own). */
export const TEST_TWILIO = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'test-auth-token-0123456789abcdef',
  supportLine: '+528147771119',
  publicBaseUrl: 'http://localhost:3000',
} as const;

/** A gateway's or worker's settings for that account, sending SMS to the REST API fake at `apiUrl`. */
export const twilioSettings = (apiUrl: string): Record<string, string> => ({
  PUBLIC_BASE_URL: TEST_TWILIO.publicBaseUrl,
  TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
  TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
  TWILIO_PHONE_NUMBER: TEST_TWILIO.supportLine,
  TWILIO_API_URL: apiUrl,
});
