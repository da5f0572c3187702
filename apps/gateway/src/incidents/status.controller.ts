import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { PublicStatusService } from '@app/tickets';
import { Public } from '../auth/auth.decorators.js';
import { PublicStatusResponse } from './dto/public-status.response.js';

/** What the portal shows everyone: open incidents and upcoming or active maintenance. No personal data. */
@Controller('status')
export class StatusController {
  constructor(private readonly status: PublicStatusService) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'public, max-age=5')
  @ApiOkResponse({ type: PublicStatusResponse })
  current(): Promise<PublicStatusResponse> {
    return this.status.current();
  }
}
