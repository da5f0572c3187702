import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { PhoneWebhooks } from '@app/channels';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';

/** How the webhook's refusals are written: Twilio logs them as they are. */
const PLAIN_TEXT = { 'text/plain': { schema: { type: 'string' } } };

/**
 * Twilio's webhooks: voice (`/webhooks/twilio/voice`, `/status` and the menu's own callbacks) and
 * incoming SMS (`/webhooks/twilio/sms`). The phone channel checks the signature, stores the request and decides the TwiML; this only maps it.
 * Public: Twilio holds no token; each request's signature is its credential (403 without it).
 */
@Public()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(private readonly webhooks: PhoneWebhooks) {}

  @Post(':callback')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/xml', 'text/plain')
  @ApiOkResponse({ description: 'Stored; TwiML telling Twilio what the caller hears next (for an incoming SMS, `/webhooks/twilio/sms`, an empty Response).', content: { 'text/xml': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'Signed, but not a callback we can read (the reason, in Spanish).', content: PLAIN_TEXT })
  @ApiForbiddenResponse({ description: 'X-Twilio-Signature missing or not this request\'s.', content: PLAIN_TEXT })
  @ApiServiceUnavailableResponse({ description: 'The phone channel is not configured, or the callback could not be stored: Twilio retries.', content: PLAIN_TEXT })
  async handle(@Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = await this.webhooks.handle({
      pathAndQuery: request.originalUrl,
      contentType: request.header('content-type'),
      body: request.body as unknown,
      signature: request.header('x-twilio-signature'),
    });
    // end(), not send(): nobody revalidates a webhook's answer, and send() would hash it for an ETag.
    response.status(answer.status).type(answer.contentType).end(answer.body);
  }
}
