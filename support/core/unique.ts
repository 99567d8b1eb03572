import { randomBytes } from 'node:crypto';

/**
 * A short random suffix for names and addresses that can never be mistaken for a one-time code: it always
 * starts with a letter (an all-digit "a1b2c3" would read as a PIN in a mail that greets the login by name).
 */
export function uniqueSuffix(bytes = 3): string {
  const letters = 'abcdefghijkmnpqrstuvwxyz';
  return `${letters[randomBytes(1)[0]! % letters.length]}${randomBytes(bytes).toString('hex')}`;
}
