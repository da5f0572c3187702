import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { IdentityVerificationService, type VerificationOutcome } from '@app/tickets';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { sendPublicPage } from '../web/public-page.js';
import { renderVerificationPage } from './verification-page.js';

/** The public page behind the link mailed to a chat's claimed address (see IdentityVerificationService). */
@Controller('verificar')
export class VerificationController {
  constructor(private readonly verification: IdentityVerificationService) {}

  @Public()
  @Get()
  async show(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    send(response, await this.verification.inspect(token), token);
  }

  @Public()
  @Post()
  async confirm(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
    send(response, await this.verification.verify(token), token);
  }
}

function send(response: Response, outcome: VerificationOutcome, token: unknown): void {
  sendPublicPage(response, renderVerificationPage(outcome, typeof token === 'string' ? token : ''));
}
