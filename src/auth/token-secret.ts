import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'est_';

/** A new secret: `est_` and 32 random bytes, base64url. */
export function generateTokenSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Enough of a secret to recognise it in a list, not enough to use it. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}

/** Compares two secrets in constant time (by their hashes, so lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashTokenSecret(a), 'hex'), Buffer.from(hashTokenSecret(b), 'hex'));
}

export type BearerToken = { kind: 'absent' } | { kind: 'malformed' } | { kind: 'token'; secret: string };

/** Reads an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): BearerToken {
  if (header === undefined || header.trim() === '') return { kind: 'absent' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? { kind: 'token', secret: match[1] } : { kind: 'malformed' };
}
