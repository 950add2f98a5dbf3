import type { TranscriptReader } from '../conversations/index.ts';
import { COMMUNITY_LOCALES, type NetworkConfig } from '../domain/network.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Logger } from '../ports/logger.ts';
import { detectLanguage, languageCandidates } from '../routing/index.ts';
import { STALE_REASONS, type KnowledgeInternals } from './knowledge-types.ts';
import { buildDraft, CAPTURE_LIMITS, type CaptureLimits } from './capture-from-transcript.ts';

/** What capture needs: the job system's listeners, the knowledge base, the conversations' transcripts, the network. */
export interface CaptureConfig {
  jobs: Pick<Jobs, 'on'>;
  knowledge: Pick<KnowledgeInternals, 'saveDraft' | 'removeMessage' | 'markStale'>;
  transcripts: TranscriptReader;
  network: () => NetworkConfig;
  logger: Logger;
  limits?: CaptureLimits;
}

/** The listener names capture registers (one job per event and name). */
export const CAPTURE_LISTENERS = { resolved: 'knowledge.capture', deleted: 'knowledge.source-deleted', reopened: 'knowledge.source-reopened' } as const;

/**
 * Registers capture's listeners (before `jobs.start()`, in every process): a resolved question
 * becomes a draft (again: a re-resolution re-captures it, keeping what people edited); a message
 * deleted on its platform leaves every article built from it; a reopened question flags its
 * published article stale. Each runs in the event's own transaction.
 */
export function listenForCapture(config: CaptureConfig): void {
  const { jobs, knowledge, transcripts, logger } = config;
  const limits = config.limits ?? CAPTURE_LIMITS;
  const communityOf = (id: string) => config.network().communities.find((community) => community.id === id);

  jobs.on('question.resolved', CAPTURE_LISTENERS.resolved, async (event, tx) => {
    // A deflected question was answered by an article that already exists.
    if (event.articleId !== undefined) return;
    const transcript = await transcripts.transcript(event.conversationId, tx);
    // Reopened before this ran: its next resolution captures it.
    if (transcript === null || transcript.status !== 'resolved') return;
    const draft = buildDraft(transcript, event, limits);
    if (typeof draft === 'string') {
      logger.info('resolved question makes no draft', { conversationId: event.conversationId, reason: draft });
      return;
    }
    const community = communityOf(draft.communityId);
    const candidates = [...COMMUNITY_LOCALES, ...(community === undefined ? [] : languageCandidates(community))];
    const text = draft.parts.filter((part) => part.role !== 'context').map((part) => part.text).join('\n');
    await knowledge.saveDraft(tx, { ...draft, language: detectLanguage(`${draft.title}\n${text}`, candidates) });
  });

  jobs.on('message.deleted', CAPTURE_LISTENERS.deleted, async (event, tx) => {
    await knowledge.removeMessage(tx, event.messageId);
  });

  jobs.on('question.status_changed', CAPTURE_LISTENERS.reopened, async (event, tx) => {
    // Closing a resolved question ends it; anything else out of `resolved` reopened it.
    if (event.from !== 'resolved' || event.to === 'resolved' || event.to === 'closed') return;
    await knowledge.markStale({ conversationId: event.conversationId }, STALE_REASONS.reopened, tx);
  });
}
