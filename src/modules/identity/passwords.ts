import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { text } from '../../core/primitives.js';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): ~30 ms here.
const ARGON = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = text({ label: 'Password' })
  .min(10, 'Password must be at least 10 characters')
  .max(200, 'Password must be at most 200 characters');

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows: verifying against it keeps unknown-email logins as slow as real ones. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> =>
  (decoy ??= hashPassword(`decoy-${randomInt(1e9)}-${Date.now()}`));

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** A strong password for people to type: 16 unambiguous characters (~93 bits). */
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
