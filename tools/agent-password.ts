// `npm run agent:password -- <email>` with the new password on standard input (or in NEW_PASSWORD):
// sets an agent's password from the server, the way back in for an only administrator who forgot theirs.
import { EnvReader, loadDotEnv } from '@app/platform';
import { PasswordResetRefused, readCoreConfig, resetAgentPassword } from '@app/tickets';

/** The password piped in (one line, its newline dropped), so that it stays out of the shell's history and `ps`. */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new PasswordResetRefused('pipe the new password in (e.g. read -rs P && printf %s "$P" | npm run agent:password -- ana@ejemplo.mx) or set NEW_PASSWORD');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  loadDotEnv();
  const email = process.argv[2];
  if (!email) throw new PasswordResetRefused('name the agent: npm run agent:password -- ana@ejemplo.mx');
  const password = process.env.NEW_PASSWORD ?? (await passwordFromStdin());
  const { databaseUrl } = readCoreConfig(new EnvReader(process.env));
  const agent = await resetAgentPassword(databaseUrl, email, password);
  console.log(`the password of ${agent.name} (${email.trim().toLowerCase()}) is changed; every session they had is ended`);
  if (!agent.active) console.log('note: this agent is deactivated; an administrator reactivates them in the inbox (or ADMIN_EMAIL / ADMIN_PASSWORD, when no administrator is active)');
}

main().catch((error: unknown) => {
  console.error(`agent:password failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
