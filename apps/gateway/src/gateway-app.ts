import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { createAppLogger } from '@app/platform';
import { AccessTokens } from './auth/access-tokens.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';
import { jsonDepthLimit } from './http/json-depth-limit.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { ApiDocs } from './openapi/api-docs.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';
import { securityHeaders } from './security/security-headers.js';

/** The gateway application, configured as it runs (main.ts listens; tests may inspect it first). */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  // /API/agents is not /api/agents: a route answers only to its own spelling (the auth guard decides
  // by the matched route anyway; this is about not answering at all under other names). Express
  // reads it when its router is created, which Nest's adapter does at once: so set it before.
  const server = express();
  server.set('case sensitive routing', true);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config), new ExpressAdapter(server), {
    logger: createAppLogger('gateway', config.core.logging),
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(httpMetrics());
  app.use(securityHeaders());
  // Every form posted here is flat (Twilio's fields, the survey's, the verification's): Node's own
  // parser reads them in a fraction of qs's time (Nest's default, for nested keys nobody sends).
  // Registered here, Nest's own urlencoded parser is not added.
  app.useBodyParser('urlencoded', { extended: false });
  // Nest's own JSON parser, registered here so the depth limit runs right after it.
  app.useBodyParser('json');
  app.use(jsonDepthLimit());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config, app.get(AccessTokens)));
  app.get(ApiDocs).generateWith(() => buildOpenApiDocument(app));
  return app;
}
