import { describe, expect, it } from '@jest/globals';
import { confirmsErasure } from './erase-confirmation.js';

const contact = { id: '0b6f3c1e-5c4e-4a53-9a7e-2f7a1d3f9e10', email: 'ana.ruiz@cliente.mx', claimedEmail: null, phone: '+528112345678' };

describe('confirmsErasure', () => {
  it('should confirm when the request names the contact by id, email in any case, or phone', () => {
    expect(confirmsErasure(contact, contact.id)).toBe(true);
    expect(confirmsErasure(contact, ' Ana.Ruiz@Cliente.MX ')).toBe(true);
    expect(confirmsErasure(contact, '+528112345678')).toBe(true);
  });

  it('should confirm by the claimed address when the contact only has a chat claim', () => {
    expect(confirmsErasure({ ...contact, email: null, claimedEmail: 'dice-ser@cliente.mx' }, 'dice-ser@cliente.mx')).toBe(true);
  });

  it('should refuse when the confirmation is missing, empty, not text, or names someone else', () => {
    for (const confirm of [undefined, null, '', '   ', 42, { id: contact.id }, 'otra@cliente.mx', '0b6f3c1e-5c4e-4a53-9a7e-2f7a1d3f9e11']) {
      expect(confirmsErasure(contact, confirm)).toBe(false);
    }
  });

  it('should refuse the word null when the contact has no phone', () => {
    expect(confirmsErasure({ ...contact, phone: null }, 'null')).toBe(false);
  });
});
