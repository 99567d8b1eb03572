import { LEASE_WAIT_MS } from '../coordination/leases';
import { loadDotEnv, readConfig } from './config';

loadDotEnv();
const real = readConfig().config.target === 'real';

/**
 * A step against a real server may wait for the next 30-second TOTP window (and for paced requests); on the mocks
 * nothing waits, so a step that takes seconds is a hang.
 */
export const STEP_TIMEOUT_MS = real ? 120_000 : 5_000;

/**
 * A step that takes a configured account: against real servers it may wait for another worker's scenario on that
 * account to end, which may itself wait for TOTP windows.
 */
export const ACCOUNT_STEP_TIMEOUT_MS = real ? LEASE_WAIT_MS + 60_000 : 5_000;
