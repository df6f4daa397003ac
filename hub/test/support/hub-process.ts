import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface HubProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Kills the process at once (SIGKILL: no shutdown hooks, like a pulled plug for the process). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts `hub/src/server.ts` (or another entry that starts the hub, relative to the repository root) in
 * its own process and resolves once its health check answers.
 */
export async function startHubProcess(dataDir: string, env: Record<string, string> = {}, script = 'hub/src/server.ts'): Promise<HubProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MDNS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the hub process exited before it was healthy:\n${output}`);
  });
  // Poll the health check; each attempt waits for a real answer or a refused connection.
  const healthy = (async () => {
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const response = await fetch(`${baseUrl}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the hub process did not become healthy:\n${output}`);
  })();
  await Promise.race([healthy, exited]);
  exited.catch(() => {});
  return {
    child,
    baseUrl,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}
