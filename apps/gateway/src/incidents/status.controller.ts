import { Controller, Get, Header } from '@nestjs/common';
import { PublicStatusService } from '@app/tickets';
import { Public } from '../auth/auth.decorators.js';

/** What the portal shows everyone: open incidents and upcoming or active maintenance. No personal data. */
@Controller('status')
export class StatusController {
  constructor(private readonly status: PublicStatusService) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'public, max-age=5')
  current() {
    return this.status.current();
  }
}
