import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ADMIN_ONLY, PUBLIC_ROUTE } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../http/error.response.js';

/** What the document describes: the API and the callers' ends of the gateway, not its pages and files. */
const DOCUMENTED_PATHS = /^\/(api|health|webhooks|status)(\/|$)/;
const WEBHOOK_PATHS = /^\/webhooks\//;

/**
 * The gateway's OpenAPI document, generated from its controllers and the DTO classes that also
 * validate their bodies and queries. Who may call each operation comes from the same metadata the
 * auth guard reads: public ones need no token (`security: []`), administrators' ones say so.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ventanilla API')
    .setDescription(
      "Interfactura's support gateway: tickets from mail, chat and phone. Every operation needs `Authorization: Bearer <accessToken>` " +
        '(POST /api/auth/login) unless it lists no security; `x-ventanilla-access: admin` marks administrators-only ones (403 for other agents). ' +
        'Bad input is a 400 whose `message` names the field.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller}_${method}`,
    extraModels: [ErrorResponse],
  });
  const access = routeAccess(app);
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!DOCUMENTED_PATHS.test(path)) {
      delete document.paths[path];
      continue;
    }
    for (const [method, operation] of Object.entries(operations) as Array<[string, { operationId?: string; security?: unknown[]; [key: string]: unknown }]>) {
      const decision = operation.operationId ? access.get(operation.operationId) : undefined;
      if (decision === 'public') operation.security = [];
      if (decision === 'admin') operation['x-ventanilla-access'] = 'admin';
      // Webhooks answer their callers' way (Twilio's: TwiML, refusals in plain text), as their decorators say.
      if (!WEBHOOK_PATHS.test(path)) describeRefusals(path, method, operation, decision);
    }
  }
  return document;
}

const REFUSALS: Record<string, string> = {
  '400': 'Bad input: `message` names each field and what it accepts (`code: invalid_input`, `fields`).',
  '401': 'No valid access token (signed out, expired, or the agent was deactivated).',
  '403': 'The agent may not do this: administrators only, or the ticket\'s tier and the agent\'s rules say no.',
  '404': 'Nothing with that number or id (or not one the agent may see).',
  '409': 'The state does not allow this now (already resolved, merged, not pending, a name or address already taken...): `code` says which, `conflict` when nothing more precise.',
  '429': 'Too many requests (`API_REQUESTS_PER_MINUTE` per token; sign-in attempts per address and account): `Retry-After` says when to try again.',
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The refusals an operation can answer, all with ErrorResponse's body (DomainErrorFilter makes every
 * one): 400 when it takes input, 401 unless public, 403 for administrators' operations, those on one
 * record (per-ticket rules) and every write (tier and role rules), 404 on one record, 409 for an
 * agent's write (a record's state, a name already taken), 429 wherever a token is needed and at sign-in. What a handler's decorators say stays.
 */
function describeRefusals(path: string, method: string, operation: Record<string, unknown>, decision: 'public' | 'admin' | undefined): void {
  const onRecord = path.includes('{');
  const writes = WRITES.has(method);
  const takesInput = onRecord || Boolean(operation.requestBody) || ((operation.parameters as unknown[] | undefined)?.length ?? 0) > 0;
  const statuses = [
    ...(takesInput ? ['400'] : []),
    ...(decision === 'public' ? [] : ['401']),
    ...(decision !== 'public' && (decision === 'admin' || onRecord || writes) ? ['403'] : []),
    ...(onRecord ? ['404'] : []),
    ...(writes && decision !== 'public' ? ['409'] : []),
    ...(decision !== 'public' || path === '/api/auth/login' ? ['429'] : []),
  ];
  const responses = (operation.responses ??= {}) as Record<string, unknown>;
  for (const status of statuses) {
    responses[status] ??= { description: REFUSALS[status], content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } } };
  }
}

/** `Controller_method` → who may call it, as the guard decides (handler metadata over the controller's). */
function routeAccess(app: INestApplication): Map<string, 'public' | 'admin'> {
  const access = new Map<string, 'public' | 'admin'>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const flag = (key: string): boolean => Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype));
        if (flag(PUBLIC_ROUTE)) access.set(`${metatype.name}_${method}`, 'public');
        else if (flag(ADMIN_ONLY)) access.set(`${metatype.name}_${method}`, 'admin');
      }
    }
  }
  return access;
}
