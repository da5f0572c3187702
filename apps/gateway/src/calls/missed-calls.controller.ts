import { BadRequestException, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { MissedCallsService, type Actor } from '@app/tickets';
import { CurrentActor } from '../auth/auth.decorators.js';
import { MissedCallListResponse } from './dto/missed-call.response.js';

const CALL_SID = /^CA[0-9a-f]{32}$/;

@Controller('api/calls/missed')
export class MissedCallsController {
  constructor(private readonly missed: MissedCallsService) {}

  /** Calls that ended during the greeting with no ticket to add them to, newest first (at most 100). */
  @Get()
  @ApiOkResponse({ type: MissedCallListResponse })
  async list(): Promise<MissedCallListResponse> {
    return { items: await this.missed.list() };
  }

  /** The agent returned the call (409 when it is not a missed call waiting, 403 for L3). */
  @Post(':callSid/called-back')
  @HttpCode(204)
  async calledBack(@CurrentActor() actor: Actor, @Param('callSid') callSid: string): Promise<void> {
    if (!CALL_SID.test(callSid)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'invalid_call_sid', message: 'callSid debe ser un identificador de llamada de Twilio (CA y 32 dígitos hexadecimales).' });
    await this.missed.markCalledBack(callSid, actor);
  }
}
