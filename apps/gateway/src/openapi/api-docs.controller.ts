import { Controller, Get, NotFoundException, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminPage } from '../auth/auth.decorators.js';
import { API_DOCS_POLICY } from '../security/security-headers.js';
import { API_DOCS_PAGE, apiDocsAsset } from './api-docs-page.js';
import { ApiDocs } from './api-docs.js';

/** The OpenAPI document and Swagger UI, for administrators (the inbox's "API" opens it). */
@ApiExcludeController()
@Controller('api/docs')
export class ApiDocsController {
  constructor(private readonly docs: ApiDocs) {}

  @AdminPage()
  @Get()
  page(@Res({ passthrough: true }) response: Response): string {
    response.setHeader('Content-Security-Policy', API_DOCS_POLICY);
    response.type('html');
    return API_DOCS_PAGE;
  }

  @AdminPage()
  @Get('openapi.json')
  document(): OpenAPIObject {
    return this.docs.document;
  }

  @AdminPage()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res({ passthrough: true }) response: Response): StreamableFile {
    const asset = apiDocsAsset(name);
    if (!asset) throw new NotFoundException(`No existe el archivo ${name}.`);
    response.setHeader('Cache-Control', 'private, max-age=300');
    return new StreamableFile(asset.content, { type: asset.type });
  }
}
