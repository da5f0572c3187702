import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenActionError } from '../errors.js';
import type { Actor } from '../workflow/actor.js';
import { PhoneCallsRepository, type UnplacedMissedCall } from './phone-calls.repository.js';

const LIST_LIMIT = 100;

/**
 * Calls that ended during the greeting with nothing to add them to: no ticket (see CallIntake), but
 * agents still see who called and may call back. Returning calls is front-line work: L1, L2 and
 * administrators (L3 develops fixes and calls nobody, as on tickets).
 */
@Injectable()
export class MissedCallsService {
  constructor(private readonly calls: PhoneCallsRepository) {}

  list(): Promise<UnplacedMissedCall[]> {
    return this.calls.listUnplacedMissed(LIST_LIMIT);
  }

  async markCalledBack(callSid: string, actor: Actor): Promise<void> {
    if (actor.tier === 'L3' && actor.role !== 'admin') throw new ForbiddenActionError('L3 no devuelve llamadas; lo hacen L1 o L2.', 'call_back_not_l3');
    if (!(await this.calls.markUnplacedCalledBack(callSid))) {
      throw new ConflictError(`La llamada ${callSid} ya se devolvió o no está pendiente.`, {}, 'missed_call_not_pending');
    }
  }
}
