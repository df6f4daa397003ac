import { createCloud } from './app.ts';
import { CloudConfigError, loadCloudConfig } from './config.ts';

/** `npm run cloud`: read the configuration, start the cloud, print where HQ logs in, stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadCloudConfig();
  } catch (error) {
    if (error instanceof CloudConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const cloud = await createCloud(config);
  const port = await cloud.listen();
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`\nOneMoment cloud sync on http://${host}:${port}`);
  console.log(`  storage: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`);
  console.log(`  HQ page: http://${host}:${port}/hq`);
  console.log(`  HQ demo login: ${config.hqDemoEmail} / ${config.hqDemoPassword}${cloud.seededDemoLogin ? ' (created now)' : ' (if not changed since the first start)'}`);
  console.log(`  hubs sync at ws://${host}:${port}/sync/<docName>\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    cloud.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The cloud could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
