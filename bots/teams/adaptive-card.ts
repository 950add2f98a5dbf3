import { type CardView, clampTitle, type ConversationStatus, questionBody } from '../../core/index.ts';
import { executeActions, factElements, refreshBlock } from './card-actions.ts';
import { canonicalToCardMarkdown } from './card-text.ts';

/** The content type Teams expects for an Adaptive Card attachment. */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A card attachment as the Bot Framework carries it. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD;
  content: Record<string, unknown>;
}

/** An Adaptive Card 1.5 attachment around `content` (body, actions, width, refresh): every Heimo card's envelope. */
export function adaptiveCard(content: Record<string, unknown>): CardAttachment {
  return { contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', ...content } };
}

// Teams caps a whole activity near 28 KB; the full question lives in the thread and on Discord.
const MAX_CARD_TEXT = 3_000;
const STATUS: Record<ConversationStatus, { label: string; color: string }> = {
  new: { label: 'Community window', color: 'Default' },
  open: { label: 'Open', color: 'Attention' },
  claimed: { label: 'Claimed', color: 'Warning' },
  closed: { label: 'Closed', color: 'Default' },
  answered: { label: 'Answered', color: 'Accent' },
  resolved: { label: 'Resolved', color: 'Good' },
};
// The languages Teams' CodeBlock element highlights; anything else is shown as plain text.
const LANGUAGES: Record<string, string> = {
  bash: 'Bash', sh: 'Bash', shell: 'Bash', c: 'C', cpp: 'C++', 'c++': 'C++', cs: 'C#', csharp: 'C#', css: 'CSS', bat: 'DOS', go: 'Go',
  graphql: 'GraphQL', html: 'HTML', java: 'Java', js: 'JavaScript', javascript: 'JavaScript', json: 'JSON', objc: 'Objective-C', perl: 'Perl',
  php: 'PHP', powershell: 'PowerShell', ps1: 'PowerShell', py: 'Python', python: 'Python', sql: 'SQL', ts: 'TypeScript', typescript: 'TypeScript',
  vb: 'Visual Basic', verilog: 'Verilog', vhdl: 'VHDL', xml: 'XML',
};

type Block = { kind: 'prose'; text: string } | { kind: 'code'; text: string; language: string };

/** Splits canonical text into prose and fenced code, so code keeps its lines and spacing in the card. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let prose: string[] = [];
  let code: { lines: string[]; language: string; fence: string } | undefined;
  const flushProse = (): void => {
    const joined = prose.join('\n').trim();
    if (joined) out.push({ kind: 'prose', text: joined });
    prose = [];
  };
  for (const line of text.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(line);
    if (code) {
      if (fence && fence[1]?.startsWith(code.fence)) {
        out.push({ kind: 'code', text: code.lines.join('\n'), language: code.language });
        code = undefined;
      } else code.lines.push(line);
    } else if (fence) {
      flushProse();
      code = { lines: [], language: LANGUAGES[(fence[2] ?? '').toLowerCase()] ?? 'PlainText', fence: fence[1] ?? '```' };
    } else prose.push(line);
  }
  if (code) out.push({ kind: 'code', text: code.lines.join('\n'), language: code.language });
  flushProse();
  return out;
}

const truncate = (text: string): string => (text.length <= MAX_CARD_TEXT ? text : `${text.slice(0, MAX_CARD_TEXT).trimEnd()}\n\n… (continued on Discord)`);

const element = (block: Block): Record<string, unknown> =>
  block.kind === 'prose'
    ? { type: 'TextBlock', text: canonicalToCardMarkdown(block.text), wrap: true }
    : {
        type: 'CodeBlock',
        codeSnippet: block.text,
        language: block.language,
        // Clients without CodeBlock still show the code, monospaced.
        fallback: { type: 'TextBlock', text: block.text, fontType: 'Monospace', wrap: true },
      };

/** Who the card refreshes itself for (people Heimo saw act on it); absent, Teams offers a manual refresh. */
export interface CardRenderOptions {
  refreshUserIds?: readonly string[];
}

/**
 * Builds the conversation card: title, status, asker and community, the core's facts, the rest of
 * the question, its buttons (Action.Execute, so the card needs 1.4+) and a link to Discord.
 */
export function conversationCard(view: CardView, options: CardRenderOptions = {}): CardAttachment {
  const status = STATUS[view.status];
  // The heading is core's plain title; the body shows what the title does not, formatted.
  const title = clampTitle(view.title) || 'Question';
  const link = /^https?:\/\//i.test(view.customerThreadUrl) ? view.customerThreadUrl : undefined;
  return adaptiveCard({
    msteams: { width: 'Full' },
    refresh: refreshBlock(view, options.refreshUserIds),
    body: [
      // Plain text: a heading renders no markdown, and a title like `a_b_c` must stay as typed.
      { type: 'TextBlock', text: title, size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: `Status: ${view.statusLabel ?? status.label}`, color: status.color, weight: 'Bolder', spacing: 'None' },
      {
        type: 'FactSet',
        facts: [
          { title: 'Asker', value: view.asker.displayName },
          { title: 'Community', value: view.communityName },
        ],
      },
      ...factElements(view.facts),
      ...blocks(truncate(questionBody(view.text, title))).map(element),
    ],
    actions: [...executeActions(view), ...(link ? [{ type: 'Action.OpenUrl', title: 'Open in Discord', url: link }] : [])],
  });
}
