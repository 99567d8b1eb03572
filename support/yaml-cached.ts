import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCacheFile } from './write-cache-file.cjs';

const CACHE = resolve(__dirname, '../.authflow-cache/yaml');

/**
 * A YAML file of the project read as data, through a JSON copy in the git-ignored cache named by a hash of its
 * text and of the parser's version: the YAML parser's first parse in a process costs ~15 ms, JSON.parse a
 * fraction of one (issue 12). For data JSON can hold (the project's files have no `.inf` or `.nan`).
 */
export function readYamlCached(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const parser = (require('yaml/package.json') as { version: string }).version;
  const cached = join(CACHE, `${createHash('sha256').update(parser).update('\0').update(text).digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // not read before
  }
  const data: unknown = (require('yaml') as typeof import('yaml')).parse(text);
  writeCacheFile(cached, JSON.stringify(data)); // a read-only checkout parses every time
  return data;
}
