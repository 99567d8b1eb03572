import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeAllurePage } from './allure-page';
import { TOTP_STEP_SECONDS } from '../core/totp';
import type { RunTally } from '../coordination/tally';

export interface Floor {
  /** The longest any one secret's fresh codes take (codes × 30 s), in ms. */
  windowsMs: number;
  /** The longest any one server's paced requests take (requests × interval), in ms. */
  pacingMs: number;
  floorMs: number;
}

/**
 * The least time a run with these codes and requests can take on a real clock, however many workers run it: the
 * fresh codes one secret needs come one window after another, and one server's requests one interval after another.
 */
export function floorOf(tally: RunTally): Floor {
  const windowsMs = Math.max(0, ...Object.values(tally.secrets).map((secret) => secret.codes * TOTP_STEP_SECONDS * 1000));
  const pacingMs = Math.max(0, ...Object.values(tally.servers).map((server) => server.requests * server.intervalMs));
  return { windowsMs, pacingMs, floorMs: Math.max(windowsMs, pacingMs) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The run's waiting, its floor and its wall time, as printed at the end of a real run. */
export function formatFloor(tally: RunTally, wallMs: number): string {
  const floor = floorOf(tally);
  const secrets = Object.entries(tally.secrets).sort(([, a], [, b]) => b.codes - a.codes);
  const shown = secrets.slice(0, 6);
  const others = secrets.slice(6);
  const waitedForWindows = secrets.reduce((sum, [, secret]) => sum + secret.waitMs, 0);
  const waitedForPacing = Object.values(tally.servers).reduce((sum, server) => sum + server.waitMs, 0);
  return [
    `Real run: waiting and floor (${tally.workers} worker${tally.workers === 1 ? '' : 's'}):`,
    '  fresh TOTP codes per secret (one 30-second window each):',
    ...(shown.length === 0 ? ['    none'] : shown.map(([label, secret]) => `    ${label}: ${secret.codes} code${secret.codes === 1 ? '' : 's'}, ${seconds(secret.codes * TOTP_STEP_SECONDS * 1000)} of windows, waited ${seconds(secret.waitMs)}`)),
    ...(others.length > 0 ? [`    ${others.length} other secrets: ${others.reduce((sum, [, secret]) => sum + secret.codes, 0)} codes, at most ${Math.max(...others.map(([, secret]) => secret.codes))} each`] : []),
    '  requests per server:',
    ...Object.entries(tally.servers)
      .sort(([, a], [, b]) => b.requests * b.intervalMs - a.requests * a.intervalMs || b.requests - a.requests)
      .map(([origin, server]) => `    ${origin}: ${server.requests} requests${server.intervalMs > 0 ? ` × ${server.intervalMs} ms = ${seconds(server.requests * server.intervalMs)}, waited ${seconds(server.waitMs)}` : ' (not paced)'}`),
    `  waited for windows ${seconds(waitedForWindows)}, for pacing ${seconds(waitedForPacing)}, for an account another worker used ${seconds(tally.leaseWaitMs)} (summed over workers)`,
    `  floor ${seconds(floor.floorMs)} (windows ${seconds(floor.windowsMs)}, pacing ${seconds(floor.pacingMs)}); wall time ${seconds(wallMs)}${floor.floorMs > 0 ? ` = ${(wallMs / floor.floorMs).toFixed(2)} × floor` : ''}`,
  ].join('\n');
}

/** Prints the floor, keeps it next to the reports (`real-run-floor.txt`) and as a page of the Allure report. */
export function reportFloor(reportsDir: string, tally: RunTally, wallMs: number): string {
  const text = formatFloor(tally, wallMs);
  console.log(`\n${text}`);
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(resolve(reportsDir, 'real-run-floor.txt'), `${text}\n`);
  // A measurement, not a check: it passes whatever the figures.
  writeAllurePage(resolve(reportsDir, 'allure-results'), {
    historyId: 'authflow-real-run-floor',
    fullName: 'authflow:real-run-floor',
    name: 'Time waited for TOTP windows and pacing, against the floor',
    status: 'passed',
    epic: 'Real target',
    feature: 'Waiting and floor',
    attachments: [{ name: 'Waiting and floor', content: text, type: 'text/plain' }],
  });
  return text;
}
