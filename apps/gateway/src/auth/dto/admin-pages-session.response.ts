import { Texts, Time } from '../../openapi/response-fields.js';

/** What POST /api/admin-pages/session answers beside its cookies, for the OpenAPI document. */
export class AdminPagesSessionResponse {
  @Time({ description: "When the administrators' pages cookie set with this answer expires (15 minutes on)." })
  expiresAt!: string;

  @Texts({ description: 'The paths the cookie opens, one cookie per path (`/admin/queues`, `/api/docs`).' })
  pages!: readonly string[];
}
