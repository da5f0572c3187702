import { hash, verify } from '@node-rs/argon2';

// A fixed hash to verify against when the email is unknown, so both paths take as long.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$8+0oJjjEgRPsxgF/8dNifQ$Kca4x+/bhhDt0vWV3COzXjNXkfMiBQDmYdxymx0TsnU';

/** Argon2id with the OWASP-recommended parameters (19 MiB, 2 passes). */
export const hashPassword = (password: string): Promise<string> => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    const matches = await verify(passwordHash ?? DECOY_HASH, password);
    return matches && passwordHash !== undefined;
  } catch {
    return false;
  }
}
