import { dataSourceOptions } from '@app/platform';
import { DataSource } from 'typeorm';
import { TICKETS_ENTITIES } from '../database/entities.js';
import { AgentsRepository } from './agents.repository.js';
import { hashPassword } from './password-hasher.js';
import { passwordProblem } from './password-rule.js';

/** Why a reset was refused: the operator's words (the tool prints them). */
export class PasswordResetRefused extends Error {}

/**
 * Sets an agent's password from the server (`npm run agent:password`): the way back in for an only
 * administrator who forgot theirs, which ADMIN_EMAIL / ADMIN_PASSWORD cannot be while that
 * administrator is active. The same rule as the inbox's; every session of the agent ends. Whoever
 * can run it can already change the database: it grants nothing new.
 */
export async function resetAgentPassword(databaseUrl: string, email: string, password: string): Promise<{ name: string; role: string; active: boolean }> {
  const address = email.trim().toLowerCase();
  const problem = passwordProblem(password, address);
  if (problem) throw new PasswordResetRefused(`the password is refused: ${problem}`);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { entities: TICKETS_ENTITIES, migrations: [] }, 1), logging: false });
  await dataSource.initialize();
  try {
    const agents = new AgentsRepository(dataSource);
    const agent = await agents.findByEmail(address, dataSource.manager);
    if (!agent) throw new PasswordResetRefused(`no agent has the email ${address}`);
    await agents.update(agent.id, { passwordHash: await hashPassword(password) }, { endSessions: true });
    return { name: agent.name, role: agent.role, active: agent.active };
  } finally {
    await dataSource.destroy();
  }
}
