import type { KnowledgeCommands } from '../commands/index.ts';
import type { ConversationLookups, TranscriptReader } from '../conversations/index.ts';
import { HeimoError } from '../errors.ts';
import type { Jobs } from '../jobs/index.ts';
import { buildDraft, type KnowledgeService, type NoDraft } from '../knowledge/index.ts';

/** The knowledge base calls commands make (the contract's, and capture's saveDraft for *Add to knowledge base*). */
export type KnowledgeForCommands = Pick<KnowledgeService, 'get' | 'list' | 'search' | 'add' | 'edit' | 'publish' | 'reject' | 'retire' | 'verify' | 'rollback' | 'saveDraft'>;

/** What the knowledge commands run on: the knowledge base, the questions' transcripts, and Heimo's public address for links. */
export interface KnowledgeServicesConfig {
  knowledge: KnowledgeForCommands;
  transcripts: TranscriptReader;
  conversations: Pick<ConversationLookups, 'findMessage'>;
  jobs: Pick<Jobs, 'transaction'>;
  /** HEIMO_PUBLIC_URL: article pages are `<publicUrl>/kb/articles/<id>`; without it replies give ids. */
  publicUrl?: string;
}

// Why a message cannot be an article's answer, as the person reads it.
const REFUSED: Record<NoDraft, string> = {
  'no-solution': 'no message was chosen',
  'solution-missing': 'that message is not part of this question',
  'solution-hidden': 'that message is an internal note, a bot post or deleted: it cannot be an article',
  'solution-is-question': 'that message is the question itself: choose the answer',
};

/**
 * The knowledge base as commands call it. Each call goes to the service as it is (so an object with
 * methods on its prototype works too). *Add to knowledge base* captures the question as a
 * resolution with that message would; links are only given to pages a reader can open.
 */
export function createKnowledgeCommands(config: KnowledgeServicesConfig): KnowledgeCommands {
  const kb = config.knowledge;
  const base = config.publicUrl?.replace(/\/+$/, '');
  return {
    get: (id) => kb.get(id),
    list: (filter) => kb.list(filter),
    search: (query) => kb.search(query),
    add: (request) => kb.add(request),
    edit: (id, changes, actor) => kb.edit(id, changes, actor),
    publish: (id, actor) => kb.publish(id, actor),
    reject: (id, actor, reason) => (reason === undefined ? kb.reject(id, actor) : kb.reject(id, actor, reason)),
    retire: (id, actor) => kb.retire(id, actor),
    verify: (id, actor) => kb.verify(id, actor),
    rollback: (id, revision, actor) => kb.rollback(id, revision, actor),
    async addFromMessage({ conversationId, target, actor }) {
      const solution = await config.conversations.findMessage(conversationId, { platform: target.platform, channelId: target.channelId, messageId: target.messageId });
      if (solution === null) throw new HeimoError('NOT_FOUND', REFUSED['solution-missing']);
      return config.jobs.transaction(async (tx) => {
        const transcript = await config.transcripts.transcript(conversationId, tx);
        if (transcript === null) throw new HeimoError('NOT_FOUND', `question ${conversationId} does not exist`);
        const event = { type: 'question.resolved' as const, conversationId, communityId: transcript.communityId, solution, acceptedBy: actor, at: new Date().toISOString() };
        const draft = buildDraft(transcript, event);
        if (typeof draft === 'string') throw new HeimoError('BAD_INPUT', REFUSED[draft]);
        return (await kb.saveDraft(tx, draft)).article;
      });
    },
    // The web pages show only published, public articles: any other link would be a dead end.
    pageUrl: (article) =>
      base === undefined || article.state !== 'published' || article.visibility !== 'public' ? null : `${base}/kb/articles/${encodeURIComponent(article.id)}`,
  };
}
