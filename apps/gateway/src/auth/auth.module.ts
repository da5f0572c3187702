import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AgentsService, AppSecretsRepository, TicketsModule } from '@app/tickets';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ApiRequestLimit } from '../security/api-request-limit.js';
import { LoginLimits } from '../security/login-limits.js';
import { AccessTokens } from './access-tokens.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { FirstAdminBootstrap } from './first-admin.bootstrap.js';
import { RevokedSessions } from './revoked-sessions.js';

@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        TicketsModule,
        JwtModule.registerAsync({
          imports: [TicketsModule],
          inject: [AppSecretsRepository],
          useFactory: async (secrets: AppSecretsRepository) => ({
            secret: config.auth.tokenSecret ?? (await secrets.getOrCreate('access-token-key')),
            signOptions: { expiresIn: config.auth.tokenTtlMinutes * 60, algorithm: 'HS256' as const },
            verifyOptions: { algorithms: ['HS256' as const] },
          }),
        }),
      ],
      controllers: [AuthController, AdminPagesController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        AccessTokens,
        RevokedSessions,
        LoginLimits,
        ApiRequestLimit,
        { provide: FirstAdminBootstrap, useFactory: (agents: AgentsService) => new FirstAdminBootstrap(config.auth, agents), inject: [AgentsService] },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AccessTokens],
    };
  }
}
