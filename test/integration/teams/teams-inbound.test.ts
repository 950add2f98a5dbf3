import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelDelete, channelEdit, channelReply, fileDownloadInfo, installation, nextMessageId, sendActivity } from '../../fakes/teams/send-activity.ts';
import { EMPLOYEE, startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('Teams bot inbound (real teams-ai over HTTP, authentication ON)', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('should relay message.posted with channel, root and author when an employee replies in the card chain', async () => {
    const rootId = nextMessageId();
    const html = '<div><at id="0">Heimo</at> Try this:</div><pre class="language-js"><code>const a = 1;\nif (a &lt; 2) run();</code></pre>';
    const activity = channelReply(h.scene, {
      rootId,
      from: EMPLOYEE,
      html,
      entities: [{ type: 'mention', text: '<at>Heimo</at>', mentioned: { id: `28:${h.appId}`, name: 'Heimo' } }],
    });

    const result = await sendActivity(h.botUrl, activity, await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([
      {
        type: 'message.posted',
        platform: 'teams',
        channelId: h.scene.channelId,
        threadId: rootId,
        messageId: activity['id'],
        author: { platformUserId: 'aad-erin', displayName: 'Erin Employee', isBot: false },
        text: 'Try this:\n```js\nconst a = 1;\nif (a < 2) run();\n```',
      },
    ]);
  });

  it('should name other people it mentions as plain @text when an employee mentions a colleague', async () => {
    const activity = channelReply(h.scene, {
      rootId: nextMessageId(),
      from: EMPLOYEE,
      html: '<p><at id="0">Sam Colleague</at> can you check?</p>',
      entities: [{ type: 'mention', text: '<at>Sam Colleague</at>', mentioned: { id: '29:sam', name: 'Sam Colleague' } }],
    });

    await sendActivity(h.botUrl, activity, await h.token());

    expect(h.events[0]).toMatchObject({ type: 'message.posted', text: '@Sam Colleague can you check?' });
  });

  it('should relay message.edited with the reply chain as threadId when Teams sends an editMessage update in a thread', async () => {
    const rootId = nextMessageId();
    const id = nextMessageId();

    const result = await sendActivity(h.botUrl, channelEdit(h.scene, { rootId, id, from: EMPLOYEE, html: '<p>Fixed <b>typo</b></p>' }), await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([{ type: 'message.edited', platform: 'teams', channelId: h.scene.channelId, threadId: rootId, messageId: id, text: 'Fixed **typo**' }]);
  });

  it('should relay message.deleted with the reply chain as threadId when Teams sends a softDeleteMessage in a thread', async () => {
    const rootId = nextMessageId();
    const id = nextMessageId();

    const result = await sendActivity(h.botUrl, channelDelete(h.scene, { rootId, id, from: EMPLOYEE }), await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([{ type: 'message.deleted', platform: 'teams', channelId: h.scene.channelId, threadId: rootId, messageId: id }]);
  });

  it('should give an edit the same channelId and threadId as its message.posted when the employee edits a reply', async () => {
    const rootId = nextMessageId();
    const reply = channelReply(h.scene, { rootId, from: EMPLOYEE, html: '<p>frist</p>' });
    await sendActivity(h.botUrl, reply, await h.token());

    await sendActivity(h.botUrl, channelEdit(h.scene, { rootId, id: String(reply['id']), from: EMPLOYEE, html: '<p>first</p>' }), await h.token());

    const [posted, edited] = h.events;
    expect(posted?.type).toBe('message.posted');
    expect(edited).toMatchObject({ type: 'message.edited', channelId: posted?.channelId, threadId: (posted as { threadId: string }).threadId, messageId: posted?.messageId });
  });

  it('should leave threadId out when an edit arrives on the bare channel conversation', async () => {
    const id = nextMessageId();
    const edit = channelEdit(h.scene, { rootId: nextMessageId(), id, from: EMPLOYEE, html: '<p>top-level edit</p>' });
    edit['conversation'] = { ...(edit['conversation'] as Record<string, unknown>), id: h.scene.channelId };

    const result = await sendActivity(h.botUrl, edit, await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([{ type: 'message.edited', platform: 'teams', channelId: h.scene.channelId, messageId: id, text: 'top-level edit' }]);
  });

  it('should relay message.posted with empty text and the file named when an employee replies with only a file', async () => {
    const rootId = nextMessageId();
    const uniqueId = '6c1b2f3e-0a4d-4e5f-8a9b-0c1d2e3f4a5b';
    const file = fileDownloadInfo('crash report.log', { uniqueId });
    const activity = channelReply(h.scene, { rootId, from: EMPLOYEE, html: `<div><div><attachment id="${uniqueId}"></attachment></div></div>`, files: [file] });

    const result = await sendActivity(h.botUrl, activity, await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([
      {
        type: 'message.posted',
        platform: 'teams',
        channelId: h.scene.channelId,
        threadId: rootId,
        messageId: activity['id'],
        author: { platformUserId: 'aad-erin', displayName: 'Erin Employee', isBot: false },
        text: '',
        attachments: [
          {
            name: 'crash report.log',
            url: `https://contoso.sharepoint.com/sites/Support/_layouts/15/download.aspx?UniqueId=${uniqueId}&Translate=false&tempauth=fake-tempauth`,
          },
        ],
      },
    ]);
  });

  it('should take named files with their MIME type but not the HTML body or cards when a reply carries text, files and a card', async () => {
    const files = [
      { contentType: 'reference', contentUrl: 'https://contoso.sharepoint.com/sites/Support/Shared%20Documents/General/steps.docx', name: 'steps.docx' },
      { contentType: 'image/png', contentUrl: 'https://smba.trafficmanager.net/teams/v3/attachments/0-abc/views/original', name: 'screenshot.png' },
      // Pasted images come without a name and also show in the body: nothing to name.
      { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/teams/v3/attachments/0-def/views/original' },
      { contentType: 'application/vnd.microsoft.card.adaptive', name: 'card', contentUrl: 'https://example.com/card', content: { type: 'AdaptiveCard', body: [] } },
    ];
    const activity = channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>See attached</p>', files });

    await sendActivity(h.botUrl, activity, await h.token());

    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ type: 'message.posted', text: 'See attached' });
    expect((h.events[0] as { attachments?: unknown }).attachments).toEqual([
      { name: 'steps.docx', url: 'https://contoso.sharepoint.com/sites/Support/Shared%20Documents/General/steps.docx' },
      { name: 'screenshot.png', url: 'https://smba.trafficmanager.net/teams/v3/attachments/0-abc/views/original', mimeType: 'image/png' },
    ]);
  });

  it('should relay no attachments when a text reply carries only its HTML body', async () => {
    const activity = channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>just <b>text</b></p>' });

    await sendActivity(h.botUrl, activity, await h.token());

    expect(h.events).toHaveLength(1);
    expect(h.events[0]).not.toHaveProperty('attachments');
    expect(h.events[0]).toMatchObject({ text: 'just **text**' });
  });

  it('should relay nothing and log at debug when a reply has neither text nor files', async () => {
    const activity = channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>&nbsp;</p>', files: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [] } }] });

    const result = await sendActivity(h.botUrl, activity, await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([]);
    expect(h.logs.filter((line) => line['msg'] === 'Teams message with neither text nor files not relayed')).toEqual([
      expect.objectContaining({ level: 'debug', channelId: h.scene.channelId, messageId: activity['id'] }),
    ]);
  });

  it('should relay nothing when the activity is the bot’s own post echoed back', async () => {
    const own = channelReply(h.scene, { rootId: nextMessageId(), from: { id: `28:${h.appId}`, name: 'Heimo' }, html: '<p>echo</p>' });

    const result = await sendActivity(h.botUrl, own, await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([]);
  });

  it('should post nothing in Teams and log it when the core keeps a reply as an internal note', async () => {
    h.outcome = () => ({ status: 'accepted', conversationId: 'conv-1', internal: true });

    const result = await sendActivity(h.botUrl, channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>// check the logs first</p>' }), await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toHaveLength(1);
    expect(h.connector.calls).toEqual([]);
    expect(h.logs.some((line) => line['msg'] === 'Teams reply kept as an internal note')).toBe(true);
  });

  it('should answer 500 so Teams sees the failure when the core cannot take the event', async () => {
    h.outcome = () => {
      throw new Error('database is down');
    };

    const result = await sendActivity(h.botUrl, channelReply(h.scene, { rootId: nextMessageId(), from: EMPLOYEE, html: '<p>hello</p>' }), await h.token());

    expect(result.status).toBe(500);
  });

  it('should relay nothing and stay 200 when the app is installed in a team', async () => {
    const result = await sendActivity(h.botUrl, installation(h.scene, EMPLOYEE), await h.token());

    expect(result.status).toBe(200);
    expect(h.events).toEqual([]);
  });
});
