/**
 * `npm run mocks`: every mock (and the shared mailbox) as one process on 127.0.0.1, on the wall clock, until
 * SIGINT or SIGTERM. Ports: MOCK_VRCHAT_PORT, MOCK_ENHANCE_PORT, MOCK_SHOKO_PORT, MOCK_CONTROL_PORT (default: free ephemeral ports).
 */
import { startMocks } from './start-mocks';

async function main(): Promise<void> {
  const port = (name: string) => Number(process.env[name] ?? 0);
  const mocks = await startMocks({
    clock: 'system',
    ports: { vrchat: port('MOCK_VRCHAT_PORT'), enhance: port('MOCK_ENHANCE_PORT'), shoko: port('MOCK_SHOKO_PORT'), control: port('MOCK_CONTROL_PORT') },
  });
  console.log('authflow mocks are listening on 127.0.0.1:');
  console.log(`VRCHAT_BASE_URL=${mocks.urls.vrchat}`);
  console.log(`ENHANCE_BASE_URL=${mocks.urls.enhance}`);
  console.log(`SHOKO_BASE_URL=${mocks.urls.shoko}`);
  console.log(`MAILBOX_URL=${mocks.urls.mailbox}`);
  console.log(`# mock control (clock, accounts): ${mocks.urls.control}/_mock/clock, ${new URL(mocks.urls.vrchat).origin}/_mock/accounts`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the mocks`);
    await mocks.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
