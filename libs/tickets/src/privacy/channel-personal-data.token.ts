/** The channels that keep personal data in tables of their own (`ChannelPersonalData[]`); the app provides them. */
export const CHANNEL_PERSONAL_DATA = Symbol('CHANNEL_PERSONAL_DATA');
