// A hub process for the crash tests: the real hub, configured only from the environment (MODULES, the vendors' URLs).
import { createHub } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

const hub = await createHub(loadConfig());
await hub.listen();
