import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ContactPrivacyService, type Actor } from '@app/tickets';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../http/error.response.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { ContactErasureResponse } from './dto/contact-erasure.response.js';
import { EraseContactDto } from './dto/erase-contact.dto.js';

/**
 * A person's ARCO requests (LFPDPPP), carried out by an administrator: everything held about a
 * contact as one JSON download, and its erasure (which names the contact again in `confirm`).
 */
@AdminOnly()
@Controller('api/contacts')
export class ContactPrivacyController {
  constructor(private readonly privacy: ContactPrivacyService) {}

  @Get(':id/export')
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'Everything held about the contact (its rows in every table, by table) as a JSON file download (`Content-Disposition: attachment`).',
    schema: { type: 'object', additionalProperties: true },
  })
  async export(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const exported = await this.privacy.export(id, actor);
    return new StreamableFile(Readable.from(exported.body), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="${exported.filename}"`,
    });
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactErasureResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: "The contact's data were already erased." })
  erase(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() body: EraseContactDto): Promise<ContactErasureResponse> {
    return this.privacy.erase(id, body.confirm, actor);
  }
}
