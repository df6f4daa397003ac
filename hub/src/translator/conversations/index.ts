// Guest–staff conversations: the Fastify plugin the translator module registers, and its service.
export { conversationRoutes } from './routes.ts';
export { ConversationService, type ConversationDeps, type LineOutcome, type SpeechUpload, type StartOutcome } from './conversation-service.ts';
export type { Asker } from './conversation-rules.ts';
