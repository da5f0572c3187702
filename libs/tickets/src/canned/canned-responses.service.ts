import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { Actor } from '../workflow/actor.js';
import type { CannedResponseEntity } from './canned-response.entity.js';
import { CannedResponsesRepository } from './canned-responses.repository.js';
import { cannedResponseProblem, type CannedResponseFields } from './canned-variables.js';

/** Canned responses and macros: every agent reads them; administrators write them (the controller checks). */
@Injectable()
export class CannedResponsesService {
  constructor(private readonly responses: CannedResponsesRepository) {}

  list(): Promise<CannedResponseEntity[]> {
    return this.responses.list();
  }

  async create(fields: CannedResponseFields, actor: Actor): Promise<CannedResponseEntity> {
    await this.check(fields);
    return this.responses.insert(trimmed(fields), actor.id);
  }

  /** Replaces a response's title, text and macro with `patch` applied over what it has. */
  async update(id: string, patch: Partial<CannedResponseFields>): Promise<CannedResponseEntity> {
    const current = await this.get(id);
    const fields: CannedResponseFields = {
      title: patch.title ?? current.title,
      body: patch.body ?? current.body,
      setStatus: patch.setStatus === undefined ? current.setStatus : patch.setStatus,
      setSeverity: patch.setSeverity === undefined ? current.setSeverity : patch.setSeverity,
    };
    await this.check(fields, id);
    return this.responses.update(id, trimmed(fields));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.responses.delete(id))) throw new NotFoundError('La respuesta predefinida no existe.');
  }

  private async get(id: string): Promise<CannedResponseEntity> {
    const found = await this.responses.findById(id);
    if (!found) throw new NotFoundError('La respuesta predefinida no existe.');
    return found;
  }

  private async check(fields: CannedResponseFields, exceptId?: string): Promise<void> {
    const problem = cannedResponseProblem(fields);
    if (problem) throw new InvalidInputError(problem);
    if (await this.responses.titleTaken(fields.title, exceptId)) throw new ConflictError('Ya existe una respuesta predefinida con ese título.', { code: 'canned_title_taken' });
  }
}

const trimmed = (fields: CannedResponseFields): CannedResponseFields => ({ ...fields, title: fields.title.trim(), body: fields.body.trim() });
