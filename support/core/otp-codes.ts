import { generateSecret } from '@otplib/core';
import { base32 } from '@otplib/plugin-base32-scure';
import { crypto } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';

/**
 * otplib's TOTP (RFC 6238: SHA-1, 6 digits, 30 s) on Node's own crypto. The `otplib` package's functions bring
 * their default plugin, @noble/hashes, whose ES modules Node 20 loads without a compile cache: 26-33 ms of every
 * start against 10-13 ms for these (issue 12). The mocks and the benchmark's floor keep the `otplib` package.
 */
export function totpCode(secret: string, epoch: number): Promise<string> {
  return generate({ secret, epoch, crypto, base32 });
}

/** A new authenticator secret, Base32 without padding (20 random bytes), as an authenticator app is given one. */
export function newTotpSecret(): string {
  return generateSecret({ crypto, base32 });
}
