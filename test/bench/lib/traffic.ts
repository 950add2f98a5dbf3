/**
 * Message texts shaped like real community traffic (../shared/notes/field-research.md, "What real
 * community traffic looks like"): mostly short chat lines, some long multi-line posts, a few code
 * fences, inline code and links; employee answers run longer, and a few pass Discord's 2,000
 * characters so they must be split.
 */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same traffic every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How long messages are (log-normal through median and p90) and what they contain. */
export interface TextProfile {
  medianChars: number;
  p90Chars: number;
  maxChars: number;
  codeFenceRate: number;
  inlineCodeRate: number;
  linkRate: number;
}

/** Customers on Discord: median 53, p90 175, p99 ~540, never above Discord's limit. */
export const CUSTOMER_PROFILE: TextProfile = { medianChars: 53, p90Chars: 175, maxChars: 1_900, codeFenceRate: 0.03, inlineCodeRate: 0.11, linkRate: 0.06 };

/** Employees answering: longer (median 120, p90 600); about 1% pass 2,000 characters. */
export const EMPLOYEE_PROFILE: TextProfile = { medianChars: 120, p90Chars: 600, maxChars: 3_900, codeFenceRate: 0.05, inlineCodeRate: 0.1, linkRate: 0.12 };

const WORDS = (
  'the a to it is in on for with this that when after before again still error build deploy config install update version ' +
  'server client bot token channel thread message webhook queue cache database migration node docker logs timeout retry ' +
  'works fails crash restart please thanks hi hello anyone know how why where does should could we you i my your our ' +
  'setting option flag path file folder release upgrade downgrade windows linux mac plugin extension api endpoint request'
).split(' ');

const CODE_LINES = [
  'const client = createClient({ retries: 3 });',
  'await client.connect();',
  'npm install --save acme-sdk@2.4.1',
  'Error: ECONNREFUSED 127.0.0.1:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  'if (!config.token) throw new Error("missing token");',
  'docker compose up -d --build',
  '{ "level": "warn", "msg": "retrying", "attempt": 2 }',
];

const Z90 = 1.2816;

/** Draws a length from the profile's log-normal distribution, clamped to [8, maxChars]. */
export function drawLength(random: () => number, profile: TextProfile): number {
  const sigma = Math.log(profile.p90Chars / profile.medianChars) / Z90;
  // Box-Muller: one standard normal from two uniforms.
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(8, Math.min(profile.maxChars, Math.round(profile.medianChars * Math.exp(sigma * z))));
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function prose(random: () => number, chars: number, profile: TextProfile): string {
  const lines: string[] = [];
  let line: string[] = [];
  let lineLength = 0;
  let total = 0;
  const lineWidth = 60 + Math.floor(random() * 60);
  while (total < chars) {
    let word = pick(random, WORDS);
    const roll = random();
    if (roll < profile.inlineCodeRate / 8) word = `\`${pick(random, ['npm ci', 'config.yml', '--verbose', 'v2.4.1', 'null'])}\``;
    else if (roll < (profile.inlineCodeRate + profile.linkRate) / 8) word = `https://docs.example.com/${pick(random, WORDS)}/${Math.floor(random() * 900 + 100)}`;
    line.push(word);
    lineLength += word.length + 1;
    total += word.length + 1;
    // Long posts have lines and paragraphs; short ones are one line.
    if (chars > 160 && lineLength >= lineWidth) {
      lines.push(line.join(' '));
      if (random() < 0.2) lines.push('');
      line = [];
      lineLength = 0;
    }
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines.join('\n');
}

/** A message body of about `chars` characters for the profile (code fence included when drawn). */
export function generateText(random: () => number, profile: TextProfile, chars = drawLength(random, profile)): string {
  if (random() >= profile.codeFenceRate || chars < 80) return prose(random, chars, profile);
  const codeLines = 2 + Math.floor(random() * 6);
  const code = Array.from({ length: codeLines }, () => pick(random, CODE_LINES)).join('\n');
  const before = prose(random, Math.max(20, chars - code.length - 40), profile);
  return `${before}\n\`\`\`\n${code}\n\`\`\`\nany idea?`;
}

/** Marks a message so the receiving fake can tell which one arrived: a start and an end token. */
export function markText(id: number, body: string): string {
  return `zqs${id}x ${body}${body.includes('\n') ? '\n' : ' '}zqe${id}x`;
}

const END_MARK = /zqe(\d+)x/g;

/** The ids whose end token appears in a delivered text (a split message ends in its last part). */
export function endMarks(text: string): number[] {
  return [...text.matchAll(END_MARK)].map((match) => Number(match[1]));
}

/** A conversation's tag, put at the start of its question so the card/root shows it. */
export const conversationTag = (index: number): string => `zqc${index}x`;

const TAG = /zqc(\d+)x/;

/** The conversation index a card or root text carries, if any. */
export function tagOf(text: string): number | undefined {
  const match = TAG.exec(text);
  return match ? Number(match[1]) : undefined;
}
