import { Controller, Post, Req, Res } from '@nestjs/common';
import { PhoneWebhooks } from '@app/channels';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';

/**
 * Twilio's voice webhooks (`/webhooks/twilio/voice`, `/status` and the menu's own callbacks). The
 * phone channel checks the signature, stores the request and decides the TwiML; this only maps it.
 * Public: Twilio holds no token; each request's signature is its credential (403 without it).
 */
@Public()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(private readonly webhooks: PhoneWebhooks) {}

  @Post(':callback')
  async handle(@Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = await this.webhooks.handle({
      pathAndQuery: request.originalUrl,
      contentType: request.header('content-type'),
      body: request.body as unknown,
      signature: request.header('x-twilio-signature'),
    });
    response.status(answer.status).type(answer.contentType).send(answer.body);
  }
}
