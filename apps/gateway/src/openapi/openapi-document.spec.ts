import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { GatewayModule } from '../gateway.module.js';
import { buildOpenApiDocument } from './openapi-document.js';

type Responses = Record<string, { content?: Record<string, unknown> }>;

// The document as `npm run openapi` writes it (docs/openapi.json): Nest's preview mode builds the
// module graph without providers, so no database or Redis is needed.
describe('the OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create(GatewayModule.register(loadGatewayConfig({})), { preview: true, logger: false, abortOnError: false });
    document = buildOpenApiDocument(app);
  });
  afterAll(() => app.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { responses?: Responses }>).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, responses: operation.responses ?? {} })),
    );

  it('should say what every successful answer holds, all but 204 No Content', () => {
    const undescribed = operations().flatMap(({ name, responses }) =>
      Object.entries(responses)
        .filter(([status, response]) => /^2\d\d$/.test(status) && status !== '204' && !response.content)
        .map(([status]) => `${name} ${status}`),
    );
    expect(operations().length).toBeGreaterThan(50);
    expect(undescribed).toEqual([]);
  });

  it("should document Twilio's webhooks as Twilio gets them: 200 with TwiML, refusals as plain text", () => {
    const webhook = operations().find(({ name }) => name === 'POST /webhooks/twilio/{callback}')!;
    expect(Object.keys(webhook.responses).sort()).toEqual(['200', '400', '403', '503']);
    expect(Object.keys(webhook.responses['200']!.content!)).toEqual(['text/xml']);
    for (const refusal of ['400', '403', '503']) expect(Object.keys(webhook.responses[refusal]!.content!)).toEqual(['text/plain']);
  });
});
