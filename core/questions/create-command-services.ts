import type { CommandServices } from '../commands/index.ts';
import { createQuestionFinder } from './find-questions.ts';
import { createKnowledgeCommands } from './knowledge-services.ts';
import { createMoveQuestion } from './move-question.ts';
import { createQuestionActions } from './question-actions.ts';
import type { CommandServicesConfig } from './question-deps.ts';
import { createDeadDeliveries, createQueue } from './queue-and-deliveries.ts';

/** The services chat commands call, over the real capability modules (see CommandServices). */
export function createCommandServices(config: CommandServicesConfig): CommandServices {
  const finder = createQuestionFinder(config);
  const actions = createQuestionActions(config, finder);
  return {
    questions: finder.questions,
    lifecycle: actions.lifecycle,
    owners: actions.owners,
    routing: { move: createMoveQuestion(config, finder) },
    queue: createQueue(config, finder),
    deliveries: createDeadDeliveries(config),
    privacy: config.privacy,
    knowledge: createKnowledgeCommands({
      knowledge: config.knowledge, transcripts: config.transcripts, conversations: config.conversations, jobs: config.jobs,
      ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    }),
  };
}
