// Writes a file of the git-ignored .authflow-cache whole: to a partial file first, then renamed over the old one.
// Parallel workers may write the same file at once, and each rename is atomic, so a reader sees one whole version.
// Answers false when it could not (a read-only checkout): a cache that cannot be written is only slower.
// CommonJS, so that the loader hooks (module-cache.cjs, register-typescript.cjs) can use it before TypeScript loads.
const { mkdirSync, renameSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function writeCacheFile(file, data) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data);
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

module.exports = { writeCacheFile };
