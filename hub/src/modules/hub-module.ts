import type { FastifyInstance } from 'fastify';
import type { DomainEventName } from '@onemoment/shared/events/domain-events';
import type { HubContext } from '../context.ts';
import type { NamespaceName } from '../realtime/namespaces.ts';
import type { ModuleName } from './module-names.ts';

/**
 * What each loaded module offers the modules that need it. Each domain adds its own entry
 * (`declare module '../modules/hub-module.ts'`), so this file imports no domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleApis {}

/** The modules loaded before this one, as far as it may use them (its `needs`, and optional others). */
export type LoadedModules = Partial<{ [N in keyof ModuleApis]: ModuleApis[N] }>;

export interface ModuleScope {
  /** The module's own encapsulated Fastify instance: its routes and hooks end with it. */
  app: FastifyInstance;
  context: HubContext;
  modules: LoadedModules;
}

/**
 * A domain module: a Fastify plugin with a small manifest. `setup` builds the module's services once,
 * registers its routes, subscribes to other modules' events (`context.events.on`, listed in
 * `subscribes`) and starts its timers on the app's ready and close hooks. A module that is not loaded
 * never runs `setup`: no routes, no OpenAPI paths, no timers, no socket rooms.
 */
export interface HubModule<N extends ModuleName> {
  name: N;
  /** Socket.io namespaces whose rooms this module fills (the realtime server opens only these). */
  namespaces: readonly NamespaceName[];
  /** Events this module adds work to, inside the commands that publish them (`context.events.on`). */
  subscribes: readonly DomainEventName[];
  /** What it runs on a timer, in words (for the README and a newcomer). */
  timers: readonly string[];
  setup(scope: ModuleScope): Promise<N extends keyof ModuleApis ? ModuleApis[N] : void>;
}
