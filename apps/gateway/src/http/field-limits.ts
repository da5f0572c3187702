/** Longest text each kind of body field takes (400 beyond): no field is unbounded. */
export const FIELD_MAX = {
  name: 120,
  /** RFC 5321's longest address. */
  email: 254,
  /** Far beyond any passphrase; hashing a longer one would only cost CPU. */
  password: 1_024,
  /** Reasons, resolutions, notes, descriptions. */
  note: 5_000,
  ticketNumber: 20,
  version: 64,
} as const;
