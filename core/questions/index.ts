/** Questions as chat commands see them (issue 9): the CommandServices over lifecycle, owners, clocks, routing and the outbox. */
export { createCommandServices } from './create-command-services.ts';
export { parseQuestionText, type TypedQuestion } from './parse-question-text.ts';
export { communityOf, teamAt, teamNamed, type CommandServicesConfig } from './question-deps.ts';
export { lookUpQuestion } from './find-questions.ts';
export { createKnowledgeCommands, type KnowledgeForCommands, type KnowledgeServicesConfig } from './knowledge-services.ts';
