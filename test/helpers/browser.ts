import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const CACHE = join(ROOT, '.authflow-cache');

// As root, and on a machine whose network is closed: no sandbox, no background connections.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The browser the report checks use: `CHROMIUM_PATH` when set, otherwise the headless Chromium that the
 * `@sparticuz/chromium` devDependency ships inside its npm package, so a machine with only Node needs nothing
 * else (playwright-core never downloads a browser).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (await packagedChromium());
  if (!existsSync(executablePath)) throw new Error(`no browser at CHROMIUM_PATH=${executablePath}`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Unpacks the packaged Chromium once into the project's git-ignored cache, one folder per package version.
 * The package unpacks into `os.tmpdir()`; pointing that at a private folder for the call keeps it away from a
 * `/tmp/chromium` of another user or version, and the rename makes a half-unpacked folder impossible to reuse.
 */
async function packagedChromium(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string };
  const folder = join(CACHE, `chromium-${version}`);
  const binary = join(folder, 'chromium');
  if (existsSync(binary)) return binary;

  const partial = `${folder}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const { default: Chromium } = await import('@sparticuz/chromium');
  Chromium.setGraphicsMode = false; // no WebGL: the SwiftShader libraries are not unpacked
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = partial;
  try {
    await Chromium.executablePath();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    renameSync(partial, folder);
  } catch (error) {
    // Another process unpacked the same version first: use its folder.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}
