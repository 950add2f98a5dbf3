import { describe, expect, it } from 'vitest';
import { threadUrl } from '../../../core/conversations/index.ts';
import { parseQuestionText } from '../../../core/questions/index.ts';

describe('thread links for article sources', () => {
  it('should link the Slack and Teams cards so that a command reads the same thread back when no link was stored', () => {
    const slack = threadUrl({ platform: 'slack', channelId: 'C0SUPPORT', threadId: '1700000000.123456', cardMessageId: '1700000000.123456', url: null });
    const teams = threadUrl({ platform: 'teams', channelId: '19:support@thread.tacv2', threadId: '1700000000123', cardMessageId: '1700000000123', url: null });

    expect(slack).toBe('https://slack.com/archives/C0SUPPORT/p1700000000123456');
    expect(parseQuestionText(slack ?? '')[0]).toEqual({ platform: 'slack', channelId: 'C0SUPPORT', threadId: '1700000000.123456' });
    expect(parseQuestionText(teams ?? '')[0]).toEqual({ platform: 'teams', channelId: '19:support@thread.tacv2', threadId: '1700000000123' });
  });

  it('should keep a stored link and make none when the thread id is not a Slack ts', () => {
    expect(threadUrl({ platform: 'discord', channelId: 't', threadId: 't', cardMessageId: null, url: 'https://discord.com/channels/g/t' })).toBe('https://discord.com/channels/g/t');
    expect(threadUrl({ platform: 'slack', channelId: 'C1', threadId: 'not-a-ts', cardMessageId: null, url: null })).toBeNull();
    expect(threadUrl({ platform: 'discord', channelId: 't', threadId: 't', cardMessageId: null, url: null })).toBeNull();
  });
});
