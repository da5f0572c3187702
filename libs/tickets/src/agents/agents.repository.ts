import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgentRole, Tier } from '../domain.js';
import { AgentEntity } from './agent.entity.js';

/** What a new or changed agent row holds (the password already hashed). */
export interface AgentRow {
  name: string;
  email: string;
  passwordHash: string;
  tier: Tier;
  role: AgentRole;
  active: boolean;
}

@Injectable()
export class AgentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<AgentEntity[]> {
    return this.dataSource.manager.find(AgentEntity, { order: { tier: 'ASC', name: 'ASC' } });
  }

  findById(id: string): Promise<AgentEntity | null> {
    return this.dataSource.manager.findOne(AgentEntity, { where: { id } });
  }

  findActive(id: string, em: EntityManager = this.dataSource.manager): Promise<AgentEntity | null> {
    return em.findOne(AgentEntity, { where: { id, active: true } });
  }

  findByEmail(email: string, em: EntityManager): Promise<AgentEntity | null> {
    return em.findOne(AgentEntity, { where: { email } });
  }

  /** The agent with this email, password hash included (it is not selected otherwise). */
  findWithPasswordHash(email: string, em: EntityManager = this.dataSource.manager): Promise<AgentEntity | null> {
    return em.createQueryBuilder(AgentEntity, 'a').addSelect('a.passwordHash').where('a.email = :email', { email }).getOne();
  }

  existsWithEmail(email: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return em.exists(AgentEntity, { where: { email } });
  }

  existsActiveAdmin(em: EntityManager): Promise<boolean> {
    return em.exists(AgentEntity, { where: { role: 'admin', active: true } });
  }

  countActiveAdmins(): Promise<number> {
    return this.dataSource.manager.count(AgentEntity, { where: { role: 'admin', active: true } });
  }

  async insert(row: AgentRow, em: EntityManager = this.dataSource.manager): Promise<AgentEntity> {
    const saved = await em.save(AgentEntity, em.create(AgentEntity, row));
    return em.findOneOrFail(AgentEntity, { where: { id: saved.id } });
  }

  /** Changes the agent; with `endSessions`, every token it holds stops working (they carry the old generation). */
  async update(id: string, patch: Partial<AgentRow>, options: { endSessions: boolean }, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(AgentEntity, { id }, { ...patch, ...(options.endSessions ? { sessionGeneration: () => 'session_generation + 1' } : {}) });
  }

  /** Makes gateways starting together take turns at creating the first administrator. */
  async lockFirstAdmin(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ventanilla:first-admin'))`);
  }
}
