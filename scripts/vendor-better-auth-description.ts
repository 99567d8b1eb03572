/**
 * `node --require tsx/cjs scripts/vendor-better-auth-description.ts`: writes specs/better-auth/openapi.json, the API
 * description better-auth's own openAPI plugin generates (`GET /open-api/generate-schema`) for the plugins of the
 * defaults configuration (servers/better-auth/defaults.ts), from the pinned version in node_modules. Run it after
 * changing the pinned versions or the plugins; specs/better-auth/SOURCE.md says where the file comes from. The
 * instance's own address is replaced by the documented default base URL, so the file does not change from run to run.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startMocks } from '../mocks/start-mocks';
import { startBetterAuth } from '../servers/better-auth/server';

const OUT = resolve(__dirname, '../specs/better-auth/openapi.json');

async function main(): Promise<void> {
  const mocks = await startMocks({ clock: 'manual' });
  const server = await startBetterAuth({ configuration: 'defaults', mailboxUrl: mocks.urls.mailbox });
  try {
    const response = await fetch(`${server.apiUrl}/open-api/generate-schema`);
    if (!response.ok) throw new Error(`the openAPI plugin answered ${response.status}`);
    const text = (await response.text()).split(server.origin).join('http://localhost:3000');
    writeFileSync(OUT, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const document = JSON.parse(text) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
    console.log(`${OUT}: OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paths, ${operations} operations`);
  } finally {
    await server.close();
    await mocks.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
