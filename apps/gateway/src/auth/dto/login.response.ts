import type { LoginJson } from '@app/tickets';
import { Nested, Text, Time } from '../../openapi/response-fields.js';
import { MeResponse } from '../../agents/dto/agent.response.js';

export class SignedInAgentResponse extends MeResponse {
  @Text()
  email!: string;
}

export class LoginResponse implements LoginJson {
  @Text({ description: 'Send it as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Time()
  expiresAt!: string;

  @Nested(() => SignedInAgentResponse)
  agent!: SignedInAgentResponse;
}
