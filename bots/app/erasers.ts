import { createAuditEraser } from '../../core/audit/index.ts';
import { createCreditsEraser } from '../../core/credits/index.ts';
import { createConversationsEraser } from '../../core/conversations/index.ts';
import { createIdentityEraser } from '../../core/identity/index.ts';
import { createJobsEraser } from '../../core/jobs/index.ts';
import { createKnowledgeEraser, type KnowledgeInternals } from '../../core/knowledge/index.ts';
import { createLifecycleEraser } from '../../core/lifecycle/index.ts';
import { createOutboxEraser } from '../../core/outbox/index.ts';
import { createOwnersEraser } from '../../core/owners/index.ts';
import type { Eraser } from '../../core/privacy/index.ts';
import { createRecognitionEraser } from '../../core/recognition/index.ts';
import { createSatisfactionEraser } from '../../core/satisfaction/index.ts';

/**
 * Every capability's part of forgetting a person (privacy adds its own), over the running knowledge
 * base. A capability whose tables hold a person's id, name or words has an eraser here; routing,
 * clocks, backfill and suggestions hold none (routes, clocks, watched channels and suggestions name
 * questions and articles only).
 */
export function createErasers(knowledge: Pick<KnowledgeInternals, 'removeAuthor'>): Eraser[] {
  return [createConversationsEraser(), createKnowledgeEraser(knowledge), createLifecycleEraser(), createOwnersEraser(), createAuditEraser(), createOutboxEraser(), createJobsEraser(), createIdentityEraser(), createCreditsEraser(), createRecognitionEraser(), createSatisfactionEraser()];
}
