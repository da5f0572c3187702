import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { CoreConfig } from './core-config.js';
import { CORE_CONFIG } from './core-config.token.js';

/** Provides the app's validated `CoreConfig` (`CORE_CONFIG`) to every module; the app registers it once. */
@Global()
@Module({})
export class CoreConfigModule {
  static register(config: CoreConfig): DynamicModule {
    return { module: CoreConfigModule, providers: [{ provide: CORE_CONFIG, useValue: config }], exports: [CORE_CONFIG] };
  }
}
