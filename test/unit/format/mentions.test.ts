import { describe, expect, it } from 'vitest';
import { mentionedUserIds } from '../../../core/format/index.ts';
import { mentionedPeople } from '../../../bots/teams/translate-activity.ts';

describe('mentionedUserIds', () => {
  it('should list Discord user ids once each when the text mentions people, nicknames included', () => {
    expect(mentionedUserIds('discord', 'thanks <@123456789012345678> and <@!222>, also <@123456789012345678>')).toEqual(['123456789012345678', '222']);
  });

  it('should leave out roles, channels and look-alikes when Discord text names them', () => {
    expect(mentionedUserIds('discord', '<@&999> in <#888> said <@abc> and @everyone, `<@ 1>`')).toEqual([]);
  });

  it('should list Slack user ids when the text mentions people with or without a label', () => {
    expect(mentionedUserIds('slack', 'kiitos <@U024BE7LH> ja <@W0123ABC|anna>! <@U024BE7LH>')).toEqual(['U024BE7LH', 'W0123ABC']);
  });

  it('should leave out Slack groups, channels and broadcasts when the text names them', () => {
    expect(mentionedUserIds('slack', '<!subteam^S123|@team> <#C123|general> <!here> <@u123>')).toEqual([]);
  });
});

describe('mentionedPeople (Teams)', () => {
  it('should key people by their Entra id when a mention entity gives one, and skip Heimo and bots', () => {
    const activity = {
      recipient: { id: '28:heimo' },
      entities: [
        { type: 'mention', mentioned: { id: '28:heimo', name: 'Heimo' } },
        { type: 'mention', mentioned: { id: '29:abc', name: 'Anna', aadObjectId: 'aad-anna' } },
        { type: 'mention', mentioned: { id: '29:def', name: 'Olli' } },
        { type: 'mention', mentioned: { id: '28:other-bot', name: 'Other' } },
        { type: 'clientInfo' },
        { type: 'mention', mentioned: { id: '29:abc', name: 'Anna', aadObjectId: 'aad-anna' } },
      ],
    };
    expect(mentionedPeople(activity)).toEqual(['aad-anna', '29:def']);
  });
});
