/** What the person being erased is known by. */
export interface ErasableContact {
  id: string;
  email: string | null;
  claimedEmail: string | null;
  phone: string | null;
}

/**
 * An erasure cannot be undone, so the request must name the contact it erases: its id, or one of
 * its addresses (email in any case, phone as stored). Anything else (missing, another contact's) is no.
 */
export function confirmsErasure(contact: ErasableContact, confirm: unknown): boolean {
  if (typeof confirm !== 'string') return false;
  const given = confirm.trim().toLowerCase();
  if (given === '') return false;
  return [contact.id, contact.email, contact.claimedEmail, contact.phone].some((value) => value !== null && value.toLowerCase() === given);
}
