import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { GatewayModule } from '../apps/gateway/src/gateway.module.js';
import { buildOpenApiDocument } from '../apps/gateway/src/openapi/openapi-document.js';

/**
 * `npm run openapi`: writes the gateway's OpenAPI document to docs/openapi.json (or the path given),
 * from the same controllers and DTOs the running gateway serves at /api/docs. Nest's preview mode
 * builds the module graph without creating providers, so no database or Redis is needed.
 */
async function main(): Promise<void> {
  const target = process.argv[2] ?? 'docs/openapi.json';
  const app = await NestFactory.create(GatewayModule.register(loadGatewayConfig({})), { preview: true, logger: false, abortOnError: false });
  const document = buildOpenApiDocument(app);
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`${target}: ${Object.keys(document.paths).length} paths`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(`openapi failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
