import { FIELD_MAX } from '../../http/field-limits.js';
import { RequiredText } from '../../http/dto-fields.js';

/** POST /api/auth/login. Both capped before they reach a limit key, a query or the password hash. */
export class LoginDto {
  @RequiredText(FIELD_MAX.email)
  email!: string;

  @RequiredText(FIELD_MAX.password)
  password!: string;
}
