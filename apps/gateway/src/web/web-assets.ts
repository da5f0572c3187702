import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';

/** dist/web, where `npm run build` puts the bundles (this file runs from dist/apps/gateway/src/web). */
const WEB_ROOT = fileURLToPath(new URL('../../../../web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface WebAsset {
  body: Buffer;
  contentType: string;
}

/** The built browser bundles, read once and kept in memory. Only names the build produced are served. */
@Injectable()
export class WebAssets {
  private readonly cache = new Map<string, WebAsset>();

  get(name: string): WebAsset | null {
    if (!/^[a-z0-9-]+\.(js|css|js\.map|css\.map)$/.test(name)) return null;
    const cached = this.cache.get(name);
    if (cached) return cached;
    // A miss is not remembered: a build running beside the gateway (npm run migrate rebuilds) empties
    // dist/ for a few seconds, and the widget must come back once the files do.
    const path = join(WEB_ROOT, name);
    if (!existsSync(path)) return null;
    const asset = { body: readFileSync(path), contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' };
    this.cache.set(name, asset);
    return asset;
  }
}
