import { createHub } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { printWelcome } from './welcome.ts';

/** Process entry: read the configuration, start the hub, and shut down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const hub = await createHub(config);
  const port = await hub.listen();
  printWelcome(hub.context, port);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The hub could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
