import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { repoRoot } from './repo-root.js';

const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests leave screenshots (git-ignored). */
export const ARTIFACTS_DIR = join(repoRoot(), 'test-artifacts');

/** Debian's headless Chromium with a fresh profile, driven by playwright-core. */
export class HeadlessChromium {
  private constructor(
    readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<HeadlessChromium> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed (${CHROMIUM}); install the Debian package chromium (README, "Tests")`);
    const profileDir = mkdtempSync(join(tmpdir(), 'ventanilla-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 800 },
      locale: 'es-MX',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return new HeadlessChromium(context, profileDir);
  }

  screenshotPath(name: string): string {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    return join(ARTIFACTS_DIR, name);
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
