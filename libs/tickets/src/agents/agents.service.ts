import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '@app/platform';
import { AGENT_ROLES, TIERS, type AgentRole, type Tier } from '../domain.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { AgentEntity } from './agent.entity.js';
import { AgentsRepository } from './agents.repository.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { passwordProblem } from './password-rule.js';

export interface NewAgent {
  name: string;
  email: string;
  password: string;
  tier: Tier;
  role: AgentRole;
}

export type AgentPatch = Partial<Omit<NewAgent, 'email'>> & { active?: boolean };

/** Agent accounts: who may sign in, with which tier and role. */
@Injectable()
export class AgentsService {
  private readonly logger = new Logger(AgentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
  ) {}

  list(): Promise<AgentEntity[]> {
    return this.agents.list();
  }

  async get(id: string): Promise<AgentEntity> {
    const agent = isUuid(id) ? await this.agents.findById(id) : null;
    if (!agent) throw new NotFoundError(`El agente ${id} no existe.`);
    return agent;
  }

  /** The agent behind a valid token, or undefined when it was deactivated or removed since. */
  findActive(id: string): Promise<AgentEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.agents.findActive(id);
  }

  async create(input: NewAgent, em?: EntityManager): Promise<AgentEntity> {
    const email = validEmail(input.email);
    validateAgentFields(input, email);
    if (await this.agents.existsWithEmail(email, em)) throw new ConflictError(`Ya existe un agente con el correo ${email}.`, {}, 'agent_email_taken');
    return this.agents.insert(
      { name: input.name.trim(), email, passwordHash: await hashPassword(input.password), tier: input.tier, role: input.role, active: true },
      em,
    );
  }

  async update(id: string, patch: AgentPatch): Promise<AgentEntity> {
    const agent = await this.get(id);
    validateAgentFields(patch, agent.email);
    const losesAdmin = agent.role === 'admin' && agent.active && (patch.role === 'agent' || patch.active === false);
    if (losesAdmin && (await this.agents.countActiveAdmins()) <= 1) {
      throw new ConflictError('Es el último administrador activo: nombra a otro administrador antes.', {}, 'last_admin');
    }
    await this.agents.update(
      id,
      {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.tier !== undefined ? { tier: patch.tier } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
      },
      // A new password or a deactivation ends every session: tokens carry the old generation.
      { endSessions: endsSessions(agent, patch) },
    );
    return this.get(id);
  }

  /** The agent whose email and password match, if active. */
  async authenticate(email: string, password: string): Promise<AgentEntity | undefined> {
    const agent = await this.agents.findWithPasswordHash(email.trim().toLowerCase());
    const matches = await verifyPassword(agent?.passwordHash, password);
    return matches && agent?.active ? agent : undefined;
  }

  /**
   * Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD when no active administrator
   * exists (a new install, or a way back in when every administrator was deactivated): the agent
   * with that email becomes an active administrator with that password, or is created. An advisory
   * lock keeps two gateways starting together from both doing it.
   */
  async ensureFirstAdmin(credentials: { email?: string; password?: string }): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.agents.lockFirstAdmin(em);
      if (await this.agents.existsActiveAdmin(em)) {
        await this.warnWhenNotApplied(credentials, em);
        return;
      }
      if (!credentials.email || !credentials.password) {
        this.logger.warn('no active administrator: set ADMIN_EMAIL and ADMIN_PASSWORD to create one');
        return;
      }
      const email = validEmail(credentials.email);
      const existing = await this.agents.findByEmail(email, em);
      if (existing) {
        await this.agents.update(existing.id, { role: 'admin', active: true, passwordHash: await hashPassword(credentials.password) }, { endSessions: true }, em);
        this.logger.warn(`no active administrator: ${email} is one again (ADMIN_EMAIL / ADMIN_PASSWORD)`);
        return;
      }
      await this.create({ name: 'Administrador', email, password: credentials.password, tier: 'L1', role: 'admin' }, em);
      this.logger.log(`created the first administrator ${email}`);
    });
  }

  /**
   * ADMIN_EMAIL / ADMIN_PASSWORD only make an administrator while none is active (they never reset
   * one): a start whose pair would not sign in says so, or its operator meets a bare 401.
   */
  private async warnWhenNotApplied(credentials: { email?: string; password?: string }, em: EntityManager): Promise<void> {
    if (!credentials.email || !credentials.password) return;
    const email = validEmail(credentials.email);
    const agent = await this.agents.findWithPasswordHash(email, em);
    if (agent?.active && agent.role === 'admin' && (await verifyPassword(agent.passwordHash, credentials.password))) return;
    const what = agent ? `${email} keeps the password it has` : `${email} was not created`;
    this.logger.warn(`ADMIN_EMAIL / ADMIN_PASSWORD not applied: an active administrator exists and they only create the first one (${what})`);
  }
}

/** Whether a change makes the agent's current tokens worthless: a new password, or losing access. */
export function endsSessions(agent: Pick<AgentEntity, 'active'>, patch: AgentPatch): boolean {
  return patch.password !== undefined || (agent.active && patch.active === false);
}

/** RFC 5321's longest address; checked first, since the pattern below backtracks on long input. */
const EMAIL_MAX_CHARS = 254;

function validEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (normalised.length > EMAIL_MAX_CHARS || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalised)) {
    throw new InvalidInputError(`Escribe un correo electrónico válido (email, de hasta ${EMAIL_MAX_CHARS} caracteres).`);
  }
  return normalised;
}

/** `email`: the agent's, which their password may not be. */
function validateAgentFields(fields: AgentPatch, email: string): void {
  if (fields.name !== undefined && (fields.name.trim() === '' || fields.name.length > 120)) {
    throw new InvalidInputError('El nombre (name) debe tener de 1 a 120 caracteres.');
  }
  const problem = fields.password === undefined ? undefined : passwordProblem(fields.password, email);
  if (problem) throw new InvalidInputError(problem);
  if (fields.tier !== undefined && !TIERS.includes(fields.tier)) throw new InvalidInputError(`El nivel (tier) debe ser uno de: ${TIERS.join(', ')}.`);
  if (fields.role !== undefined && !AGENT_ROLES.includes(fields.role)) throw new InvalidInputError(`El rol (role) debe ser uno de: ${AGENT_ROLES.join(', ')}.`);
}
