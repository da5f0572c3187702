import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CANNED_BODY_MAX, CANNED_TITLE_MAX, CannedResponsesService, MACRO_STATUSES, type Actor, type CannedResponseEntity, type MacroStatus } from '@app/tickets';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { optionalString } from '../http/body-fields.js';
import { UuidPipe } from '../http/uuid.pipe.js';

const present = (response: CannedResponseEntity) => ({
  id: response.id,
  title: response.title,
  body: response.body,
  setStatus: response.setStatus,
  setSeverity: response.setSeverity,
  updatedAt: response.updatedAt,
});

/** Canned responses and macros: every agent lists them to use them; administrators write them. */
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly responses: CannedResponsesService) {}

  @Get()
  async list() {
    return { items: (await this.responses.list()).map(present) };
  }

  @AdminOnly()
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const fields = readFields(body);
    return present(await this.responses.create({ title: fields.title ?? '', body: fields.body ?? '', setStatus: fields.setStatus ?? null, setSeverity: fields.setSeverity ?? null }, actor));
  }

  @AdminOnly()
  @Patch(':id')
  async update(@Param('id', UuidPipe) id: string, @Body() body: unknown) {
    return present(await this.responses.update(id, readFields(body)));
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(200)
  async remove(@Param('id', UuidPipe) id: string) {
    await this.responses.delete(id);
    return { deleted: true };
  }
}

/** `{ title?, body?, setStatus?, setSeverity? }`; null clears a macro's status or severity. */
function readFields(body: unknown) {
  const fields = (body ?? {}) as Record<string, unknown>;
  const { setStatus, setSeverity } = fields;
  if (setStatus !== undefined && setStatus !== null && !(MACRO_STATUSES as readonly unknown[]).includes(setStatus)) {
    throw new BadRequestException(`setStatus debe ser ${MACRO_STATUSES.join(', ')} o null`);
  }
  if (setSeverity !== undefined && setSeverity !== null && ![0, 1, 2, 3].includes(setSeverity as number)) throw new BadRequestException('setSeverity debe ser 0, 1, 2, 3 o null');
  return {
    title: optionalString('title', fields.title, CANNED_TITLE_MAX),
    body: optionalString('body', fields.body, CANNED_BODY_MAX),
    setStatus: setStatus as MacroStatus | null | undefined,
    setSeverity: setSeverity as number | null | undefined,
  };
}
