import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CannedResponsesService, type Actor, type CannedResponseEntity, type CannedResponseJson, type ItemsJson, type Severity } from '@app/tickets';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { CannedResponseDto } from './dto/canned-response.dto.js';
import { CannedResponseDeletedResponse, CannedResponseListResponse, CannedResponseResponse } from './dto/canned.response.js';

const present = (response: CannedResponseEntity): CannedResponseJson => ({
  id: response.id,
  title: response.title,
  body: response.body,
  setStatus: response.setStatus,
  // Checked when written (0 to 3).
  setSeverity: response.setSeverity as Severity | null,
  updatedAt: response.updatedAt.toISOString(),
});

/** Canned responses and macros: every agent lists them to use them; administrators write them. */
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly responses: CannedResponsesService) {}

  @Get()
  @ApiOkResponse({ type: CannedResponseListResponse })
  async list(): Promise<ItemsJson<CannedResponseJson>> {
    return { items: (await this.responses.list()).map(present) };
  }

  @AdminOnly()
  @Post()
  @ApiCreatedResponse({ type: CannedResponseResponse })
  async create(@CurrentActor() actor: Actor, @Body() fields: CannedResponseDto) {
    return present(await this.responses.create({ title: fields.title ?? '', body: fields.body ?? '', setStatus: fields.setStatus ?? null, setSeverity: fields.setSeverity ?? null }, actor));
  }

  @AdminOnly()
  @Patch(':id')
  @ApiOkResponse({ type: CannedResponseResponse })
  async update(@Param('id', UuidPipe) id: string, @Body() fields: CannedResponseDto) {
    // A text left out (or null) keeps what the response has; a macro's null clears it.
    return present(await this.responses.update(id, { ...fields, title: fields.title ?? undefined, body: fields.body ?? undefined }));
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: CannedResponseDeletedResponse })
  async remove(@Param('id', UuidPipe) id: string): Promise<CannedResponseDeletedResponse> {
    await this.responses.delete(id);
    return { deleted: true };
  }
}
