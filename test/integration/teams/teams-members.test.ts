import { describe, expect, it } from 'vitest';
import { directChatId } from '../../fakes/teams/fake-connector.ts';
import { eachTeamsHarness, type TeamsHarness } from './harness.ts';

// Identity joins employees' accounts by e-mail (issue 11): Teams tells it in the member's 1:1 chat.
describe('Teams member e-mails (real botbuilder against the fake connector)', () => {
  let h: TeamsHarness;
  eachTeamsHarness((harness) => {
    h = harness;
  }, {
    members: [
      { id: 'aad-aino', name: 'Aino', email: 'Aino@Acme.test', userPrincipalName: 'aino@acme.onmicrosoft.test' },
      { id: 'aad-upn', name: 'Upn', userPrincipalName: 'upn@acme.test' },
    ],
  });

  it('should read the member e-mail in their 1:1 chat when asked', async () => {
    expect(await h.bot.delivery.emailOf?.('aad-aino')).toBe('Aino@Acme.test');
    expect(h.connector.callsTo('createConversation')).toMatchObject([{ body: { isGroup: false, members: [{ id: 'aad-aino' }], tenantId: h.scene.tenantId } }]);
    expect(h.connector.callsTo('getMembers').map((call) => call.conversationId)).toEqual([directChatId('aad-aino')]);
  });

  it('should fall back to the user principal name when the member has no e-mail', async () => {
    expect(await h.bot.delivery.emailOf?.('aad-upn')).toBe('upn@acme.test');
  });

  it('should tell no e-mail when Teams does not know the member', async () => {
    expect(await h.bot.delivery.emailOf?.('aad-nobody')).toBeUndefined();
  });
});
