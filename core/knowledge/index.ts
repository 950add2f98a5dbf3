// The knowledge base's public entry: other capabilities and the app import from here, never from its files.
export type * from './port.ts';
export { createKnowledgeEraser } from './sql-knowledge-eraser.ts';
