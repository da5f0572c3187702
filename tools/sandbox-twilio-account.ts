/** The Twilio account the sandbox's stand-in accepts, and that `dev:call` signs with unless told otherwise. */
export const SANDBOX_TWILIO_ACCOUNT = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'sandbox-auth-token' } as const;
