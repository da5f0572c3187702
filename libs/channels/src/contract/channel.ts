/** Channels a customer can reach support through. */
export const CHANNELS = ['email', 'chat', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
