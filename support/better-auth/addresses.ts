/**
 * Client addresses for the devices of a run that starts its own server behind a "proxy" (the embedded better-auth's
 * hardened configuration reads X-Forwarded-For from 127.0.0.1): one per device, from the three blocks RFC 5737 sets
 * aside for documentation, so a rate limit counts each device apart as it would each client of a real deployment.
 * Only ever a header value; nothing is sent to these addresses.
 */
const BLOCKS = ['192.0.2', '198.51.100', '203.0.113'];
let issued = 0;

export const clientAddresses = {
  next(): string {
    const index = issued % (BLOCKS.length * 254);
    issued += 1;
    return `${BLOCKS[Math.floor(index / 254)]}.${(index % 254) + 1}`;
  },
};
