import type { EntityManager } from 'typeorm';

/** Which of a channel's records are about one person. */
export interface PersonalDataScope {
  /** Conversations of the person's tickets on the channel (their `conversationRef`). */
  conversationIds: readonly string[];
  /** The person's email addresses, proven or claimed, lower-cased. */
  emails: readonly string[];
}

/** What the person told the channel about themselves, so it can be scrubbed elsewhere too. */
export interface PersonalIdentifiers {
  names: string[];
  emails: string[];
  others: string[];
}

/** Rows by table name. */
export type PersonalRows = Record<string, Array<Record<string, unknown>>>;

/**
 * Personal data a channel keeps in tables of its own, for a person's requests to see or erase what
 * is held about them (ARCO, LFPDPPP). Every method runs in the caller's transaction, so an erasure
 * is all or nothing across the ticket domain and the channels.
 */
export interface ChannelPersonalData {
  /** Its rows about the person, by table (secrets such as token hashes left out). */
  export(scope: PersonalDataScope, em: EntityManager): Promise<PersonalRows>;
  identifiers(scope: PersonalDataScope, em: EntityManager): Promise<PersonalIdentifiers>;
  /** Takes the person out of its rows (that something happened, and when, stays); rows changed by table. */
  erase(scope: PersonalDataScope, em: EntityManager): Promise<Record<string, number>>;
}
