// Writes a file of the git-ignored .authflow-cache whole: to a partial file of this writer's own first, then renamed
// over the old one. Parallel workers (and worker threads, which share a pid) may write the same file at once, and
// each rename is atomic, so a reader sees one whole version. Answers the error when it could not (a read-only
// checkout, a full disk): a cache that cannot be written is only slower, so most callers go on without it.
// CommonJS, so that the loader hooks (module-cache.cjs, register-typescript.cjs) can use it before TypeScript loads.
const { randomBytes } = require('node:crypto');
const { mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function writeCacheFile(file, data) {
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, data, { flag: 'wx' });
    renameSync(partial, file);
    return undefined;
  } catch (error) {
    rmSync(partial, { force: true });
    return error;
  }
}

module.exports = { writeCacheFile };
