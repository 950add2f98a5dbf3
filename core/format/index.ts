// The message-format layer: bots convert platform text to canonical markdown on the way in and
// back on the way out. Nothing here knows a chat SDK; each converter is a pure function.

export type { MentionResolver } from './mentions.ts';
export { discordToCanonical } from './discord-to-canonical.ts';
export { canonicalToDiscord } from './canonical-to-discord.ts';
export { slackToCanonical } from './slack-to-canonical.ts';
export { canonicalToSlack } from './canonical-to-slack.ts';
export { teamsToCanonical } from './teams-to-canonical.ts';
export { canonicalToTeams } from './canonical-to-teams.ts';
export { splitText } from './split-text.ts';
export { emojiFromShortcode, shortcodeFromEmoji, type Shortcode } from './emoji.ts';
export { canonicalToCardMarkdown } from './canonical-to-card.ts';
export { clampTitle, questionBody, questionTitle, TITLE_LIMIT } from './title.ts';
export { cleanStrings, cleanText, hasVisibleContent, readableStart } from './clean-text.ts';
