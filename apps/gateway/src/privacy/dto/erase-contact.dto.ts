import { FIELD_MAX } from '../../http/field-limits.js';
import { RequiredText } from '../../http/dto-fields.js';

/** POST /api/contacts/:id/erase (administrators). Whether `confirm` names the contact is the service's to say. */
export class EraseContactDto {
  @RequiredText(FIELD_MAX.email, "The contact's id, email or phone, repeated.")
  confirm!: string;
}
