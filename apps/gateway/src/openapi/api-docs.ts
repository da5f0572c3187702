import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document /api/docs serves, built on first request (createGatewayApp hands over how). */
@Injectable()
export class ApiDocs {
  private build?: () => OpenAPIObject;
  private built?: OpenAPIObject;

  generateWith(build: () => OpenAPIObject): void {
    this.build = build;
  }

  get document(): OpenAPIObject {
    if (!this.build) throw new Error('ApiDocs: no document builder (createGatewayApp sets it)');
    this.built ??= this.build();
    return this.built;
  }
}
