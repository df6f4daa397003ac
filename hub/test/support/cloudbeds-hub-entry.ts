// A hub process for the Cloudbeds crash test: the real hub, with MODULES and CLOUDBEDS_API_URL from the environment.
import { createHub } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

const hub = await createHub(loadConfig());
await hub.listen();
