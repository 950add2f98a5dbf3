import { describe, expect, it } from 'vitest';
import { parseMessageEvent } from '../../../bots/slack/parse.ts';

const me = { botUserId: 'U0HEIMO', botId: 'B0HEIMO' };
const reply = { type: 'message', subtype: 'file_share', channel: 'C1', user: 'U1', text: '', ts: '2.000001', thread_ts: '1.000001' };
const hosted = {
  id: 'F0LOGS',
  name: 'server.log',
  title: 'Server log',
  mimetype: 'text/plain',
  size: 1234,
  mode: 'hosted',
  url_private: 'https://files.slack.com/files-pri/T1-F0LOGS/server.log',
  url_private_download: 'https://files.slack.com/files-pri/T1-F0LOGS/download/server.log',
};

describe('parseMessageEvent with files', () => {
  it('should carry every hosted file as an attachment when a reply shares files', () => {
    const parsed = parseMessageEvent({ ...reply, text: 'see attached', files: [hosted] }, me);
    expect(parsed).toEqual({
      kind: 'posted',
      channelId: 'C1',
      threadId: '1.000001',
      messageId: '2.000001',
      userId: 'U1',
      text: 'see attached',
      attachments: [{ name: 'server.log', url: hosted.url_private_download, mimeType: 'text/plain', size: 1234 }],
      skippedFiles: [],
    });
  });

  it('should relay a reply when it has files and no text', () => {
    const { text: _text, ...noText } = reply;
    expect(parseMessageEvent({ ...noText, files: [hosted] }, me)).toMatchObject({ kind: 'posted', text: '', attachments: [{ name: 'server.log' }] });
  });

  it('should fall back to url_private, then the title, then the id when fields are missing', () => {
    const { url_private_download: _download, name: _name, ...partial } = hosted;
    const { title: _title, ...untitled } = partial;
    const parsed = parseMessageEvent({ ...reply, files: [partial, { ...untitled, id: 'F0BARE' }] }, me);
    expect(parsed).toMatchObject({
      kind: 'posted',
      attachments: [
        { name: 'Server log', url: hosted.url_private },
        { name: 'F0BARE', url: hosted.url_private },
      ],
    });
  });

  it('should skip tombstoned, hidden, external and url-less files when the message lists them', () => {
    const files = [
      { id: 'F0GONE', mode: 'tombstone' },
      { id: 'F0HIDDEN', mode: 'hidden_by_limit' },
      { ...hosted, id: 'F0DRIVE', mode: 'external', is_external: true, url_private: 'https://docs.google.com/d/1' },
      { ...hosted, id: 'F0NOURL', url_private: undefined, url_private_download: undefined },
      hosted,
    ];
    const parsed = parseMessageEvent({ ...reply, text: 'files', files }, me);
    expect(parsed).toMatchObject({ kind: 'posted', attachments: [{ name: 'server.log' }] });
    expect(parsed.kind === 'posted' ? parsed.skippedFiles : undefined).toEqual([
      { id: 'F0GONE', reason: 'file mode tombstone', malformed: false },
      { id: 'F0HIDDEN', reason: 'file mode hidden_by_limit', malformed: false },
      { id: 'F0DRIVE', reason: 'external file', malformed: false },
      { id: 'F0NOURL', reason: 'file without a url', malformed: false },
    ]);
  });

  it('should keep the valid files and report the rest as malformed when the files array is partly broken', () => {
    const parsed = parseMessageEvent({ ...reply, text: 'x', files: [42, { name: 'no-id.txt', url_private: hosted.url_private }, hosted, { ...hosted, id: 'F0ODD', size: 'big', mimetype: 7 }] }, me);
    expect(parsed).toMatchObject({
      kind: 'posted',
      attachments: [
        { name: 'server.log', size: 1234 },
        // A wrong size or type is dropped, not the file.
        { name: 'server.log', url: hosted.url_private_download },
      ],
      skippedFiles: [
        { reason: 'file is not an object', malformed: true },
        { reason: 'file without an id', malformed: true },
      ],
    });
    const odd = parsed.kind === 'posted' ? parsed.attachments[1] : undefined;
    expect(odd).toEqual({ name: 'server.log', url: hosted.url_private_download });
  });

  it('should relay the text and report malformed files when files is not an array', () => {
    expect(parseMessageEvent({ ...reply, text: 'hello', files: { id: 'F1' } }, me)).toMatchObject({
      kind: 'posted',
      text: 'hello',
      attachments: [],
      skippedFiles: [{ reason: 'files is not an array', malformed: true }],
    });
  });

  it('should ignore a reply when it has no text and none of its files can be relayed', () => {
    expect(parseMessageEvent({ ...reply, files: [{ id: 'F0GONE', mode: 'tombstone' }] }, me)).toEqual({
      kind: 'ignored',
      reason: 'no text and no file to relay (skipped: file mode tombstone)',
    });
    expect(parseMessageEvent({ ...reply, subtype: undefined, text: '  ' }, me)).toEqual({ kind: 'ignored', reason: 'no text and no file to relay' });
  });

  it('should leave files out of an edit when a file_share reply is edited', () => {
    const event = { type: 'message', subtype: 'message_changed', channel: 'C1', message: { ...reply, text: 'now with words', files: [hosted] } };
    expect(parseMessageEvent(event, me)).toEqual({ kind: 'edited', channelId: 'C1', threadId: '1.000001', messageId: '2.000001', text: 'now with words' });
  });
});
