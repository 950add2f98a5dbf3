import { describe, expect, it } from 'vitest';
import { parseQuestionText } from '../../../core/questions/index.ts';

describe('parseQuestionText', () => {
  it('should read Heimo\'s id when a person types it, in backticks or not', () => {
    expect(parseQuestionText('`0F8FAD5B-D9CB-469F-A165-70867728950E`')).toEqual([{ conversationId: '0f8fad5b-d9cb-469f-a165-70867728950e' }]);
  });

  it('should read the thread of a Discord thread or message link', () => {
    expect(parseQuestionText('https://discord.com/channels/1/22/333')[0]).toEqual({ platform: 'discord', threadId: '22' });
    expect(parseQuestionText('https://discord.com/channels/1/22')[0]).toEqual({ platform: 'discord', threadId: '22' });
  });

  it('should read a Slack message link as its ts, and a reply link as its thread\'s, when Slack wraps it', () => {
    expect(parseQuestionText('<https://acme.slack.com/archives/C1/p1700000000123456>')[0]).toEqual({ platform: 'slack', channelId: 'C1', threadId: '1700000000.123456' });
    expect(parseQuestionText('https://acme.slack.com/archives/C1/p1700000001000000?thread_ts=1700000000.123456&cid=C1')[0]).toEqual({ platform: 'slack', channelId: 'C1', threadId: '1700000000.123456' });
  });

  it('should read a Teams reply link as its chain\'s root message', () => {
    const link = 'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000001?groupId=g&parentMessageId=1700000000';
    expect(parseQuestionText(link)[0]).toEqual({ platform: 'teams', channelId: '19:abc@thread.tacv2', threadId: '1700000000' });
  });

  it('should try the text as a stored link last, and give nothing for words that are no reference', () => {
    expect(parseQuestionText('https://example.com/q/1')).toEqual([{ url: 'https://example.com/q/1' }]);
    expect(parseQuestionText('the login one')).toEqual([]);
  });
});
