import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file whole: to a partial file of this writer's own first, then renamed over the old one. Parallel
 * workers may write the same file at once, and a process may be killed mid-write; each rename is atomic, so a
 * reader sees one whole version, never half of one.
 */
export function writeFileWhole(file: string, data: string | Uint8Array, mode = 0o644): void {
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // the run's own: readable by its owner only
    writeFileSync(partial, data, { flag: 'wx', mode });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
