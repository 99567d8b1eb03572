import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * A lock between processes: a lock file created with O_EXCL (`wx`), which exactly one process can create. The
 * critical sections it guards are synchronous and last a millisecond, so a lock file is stale when its holder's
 * process is gone (same host) or it is older than `STALE_MS` (a stopped or hung holder). Breaking a stale lock
 * takes a second O_EXCL file, the breaker, and re-checks the lock under it: two processes that both saw the same
 * stale lock cannot both remove it and then each take a fresh one (the second would delete the first's).
 * No dependency: proper-lockfile does the same with mkdir, but knows staleness by age only and needs timers that
 * refresh the lock's mtime; a dead holder is recognised here at once.
 */
const STALE_MS = 10_000;
const HOST = hostname();

interface Holder {
  pid: number;
  host: string;
  at: number;
}

export async function withFileLock<T>(lockPath: string, critical: () => T, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const mine = tryCreate(lockPath);
    if (mine) {
      try {
        return critical();
      } finally {
        // Only our own lock: had ours been broken as stale (this process stopped too long), the file is another's now.
        const holder = readHolder(lockPath);
        if (holder?.pid === mine.pid && holder.at === mine.at) unlinkQuietly(lockPath);
      }
    }
    if (isStale(readHolder(lockPath))) breakStale(lockPath);
    else if (Date.now() > deadline) throw new Error(`the ledger lock ${lockPath} stayed taken for ${timeoutMs} ms`);
    // A few milliseconds, jittered so that waiting processes do not retry in lockstep.
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * Math.min(20, 2 + attempt)));
  }
}

/** The lock, taken: its holder record; undefined when another process has it. */
function tryCreate(path: string): Holder | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const holder: Holder = { pid: process.pid, host: HOST, at: Date.now() };
  writeSync(fd, JSON.stringify(holder));
  closeSync(fd);
  return holder;
}

/** The lock's holder; an empty or half-written file (its holder between open and write) reads as its mtime only. */
function readHolder(path: string): Holder | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const holder = text ? (JSON.parse(text) as Holder) : undefined;
    return holder ?? { pid: 0, host: '', at: statSync(path).mtimeMs };
  } catch {
    try {
      return { pid: 0, host: '', at: statSync(path).mtimeMs };
    } catch {
      return undefined; // released meanwhile
    }
  }
}

function isStale(holder: Holder | undefined): boolean {
  if (!holder) return false;
  if (Date.now() - holder.at > STALE_MS) return true;
  return holder.host === HOST && holder.pid > 0 && !processAlive(holder.pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function breakStale(lockPath: string): void {
  const breaker = `${lockPath}.break`;
  if (!tryCreate(breaker)) {
    // A breaker is held for microseconds; one left by a process that died right then is stale like a lock.
    if (isStale(readHolder(breaker))) unlinkQuietly(breaker);
    return;
  }
  try {
    if (isStale(readHolder(lockPath))) unlinkQuietly(lockPath);
  } finally {
    unlinkQuietly(breaker);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
