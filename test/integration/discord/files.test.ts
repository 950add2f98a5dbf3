import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadRef } from '../../../core/domain/types.ts';
import { HeimoError, PlatformRejectedError } from '../../../core/errors.ts';
import type { OutboundFile } from '../../../core/ports/delivery.ts';
import type { FakeDiscordConfig } from '../../fakes/discord/index.ts';
import { outbound, startHarness, waitFor, type DiscordHarness } from './harness.ts';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: FakeDiscordConfig = {}): Promise<DiscordHarness> {
  h = await startHarness(options);
  return h;
}

/** A customer asks in the help channel and Heimo opens the thread for it. */
async function questionThread(harness: DiscordHarness): Promise<ThreadRef> {
  const { fake } = harness;
  const question = fake.userSends({ channelId: fake.world.ids.help, author: fake.world.users.alice, content: 'Export fails' });
  await waitFor(() => harness.events.find((event) => event.messageId === question.id), 'question event');
  return harness.bot.delivery.openThread({ channelId: fake.world.ids.help, messageId: question.id, title: 'Export fails' });
}

/** A file whose bytes differ per name, so a mix-up between files shows. */
const file = (name: string, size = 64, mimeType = 'image/png'): OutboundFile => ({
  name,
  data: Uint8Array.from({ length: size }, (_, i) => (i * 31 + name.length * 7 + name.charCodeAt(0)) % 256),
  mimeType,
});
const files = (count: number): OutboundFile[] => Array.from({ length: count }, (_, i) => file(`shot-${String(i).padStart(2, '0')}.png`, 40 + i));
const bytesOf = (input: OutboundFile): Buffer => Buffer.from(input.data);
// 50 lines, 2,500 characters: two parts.
const longText = (): string => `${Array.from({ length: 50 }, (_, i) => `Line ${String(i).padStart(2, '0')} ${'x'.repeat(41)}`).join('\n')}.`;
const MIB = 1024 * 1024;

const uploads = (harness: DiscordHarness) => harness.fake.requests.filter((request) => request.method === 'POST' && /^\/(webhooks\/\d+\/[^/]+|channels\/\d+\/messages)$/.test(request.path));
const filenames = (harness: DiscordHarness, thread: ThreadRef, id: string | undefined): string[] =>
  harness.fake.attachmentsOf(thread.threadId, id ?? '').map((attachment) => attachment.filename);

describe('discord delivery: posting files', () => {
  it('should post the text and the image on one webhook message when a message carries one file', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const screenshot = file('screenshot.png', 5_000);

    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Here is what I see:', files: [screenshot] }));

    expect(ids).toHaveLength(1);
    const [posted] = fake.messagesIn(thread.threadId);
    expect(posted).toMatchObject({ id: ids[0], content: 'Here is what I see:', webhook_id: expect.any(String), author: { username: 'Erin (Acme support)' } });
    const [attachment] = fake.attachmentsOf(thread.threadId, ids[0] ?? '');
    expect(attachment).toMatchObject({ filename: 'screenshot.png', size: 5_000, contentType: 'image/png' });
    expect(attachment?.data.equals(bytesOf(screenshot))).toBe(true);
    const [upload] = uploads(h!);
    expect(upload).toMatchObject({ authorized: false, files: [{ filename: 'screenshot.png', size: 5_000 }], body: { content: 'Here is what I see:', allowed_mentions: { parse: [] } } });
  });

  it('should post a message with only files when the text is empty', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);

    const ids = await bot.delivery.postMessage(thread, outbound({ text: '', files: [file('log.txt', 300, 'text/plain')] }));

    expect(ids).toHaveLength(1);
    expect(fake.messagesIn(thread.threadId).map((message) => [message.id, message.content])).toEqual([[ids[0], '']]);
    expect(fake.attachmentsOf(thread.threadId, ids[0] ?? '')).toMatchObject([{ filename: 'log.txt', size: 300, contentType: 'text/plain' }]);
  });

  it('should put ten files on the last text part and the other two on a file-only part when a long message carries twelve', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const twelve = files(12);

    const ids = await bot.delivery.postMessage(thread, outbound({ text: longText(), files: twelve }));

    expect(ids).toHaveLength(3);
    const posted = fake.messagesIn(thread.threadId);
    expect(posted.map((message) => message.id)).toEqual(ids);
    expect(posted[0]?.attachments).toEqual([]);
    expect(posted[1]?.content).toMatch(/^Line \d\d x+/);
    expect(posted[2]?.content).toBe('');
    expect(filenames(h!, thread, ids[1])).toEqual(twelve.slice(0, 10).map((item) => item.name));
    expect(filenames(h!, thread, ids[2])).toEqual(twelve.slice(10).map((item) => item.name));
    const carried = [...fake.attachmentsOf(thread.threadId, ids[1] ?? ''), ...fake.attachmentsOf(thread.threadId, ids[2] ?? '')];
    expect(carried.every((attachment, i) => attachment.data.equals(bytesOf(twelve[i] as OutboundFile)))).toBe(true);
    expect(uploads(h!).map((request) => request.files.length)).toEqual([0, 10, 2]);
  });

  it('should name files that could not be carried over on lines of their own without pinging anyone when unfetched is set', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const bob = fake.world.users.bob.id;

    const ids = await bot.delivery.postMessage(thread, outbound({
      text: 'See attached.',
      unfetched: [
        { name: 'report.pdf', url: 'https://files.slack.com/report.pdf', size: 25 * MIB },
        { name: 'movie.mov', url: 'https://files.slack.com/movie.mov', size: 1.5 * MIB },
        { name: `@everyone *look* <@${bob}> [win](https://evil.example).png`, url: 'https://files.slack.com/x' },
      ],
    }));

    const [posted] = fake.messagesIn(thread.threadId);
    expect(posted?.id).toBe(ids[0]);
    const lines = posted?.content.split('\n') ?? [];
    expect(lines.slice(0, 3)).toEqual(['See attached.', '📎 report.pdf (25 MB, too large to carry over)', '📎 movie.mov (1.5 MB, too large to carry over)']);
    // Markdown escaped, and a zero-width space after each @ so no mention forms even as text.
    expect(lines[3]).toBe(`📎 @\u200beveryone \\*look\\* <@\u200b${bob}> \\[win](https://evil.example).png (could not be carried over)`);
    expect(posted).toMatchObject({ mention_everyone: false, mentions: [], mention_roles: [] });
  });

  it('should post the names alone when a message has no text and none of its files could be carried over', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);

    await bot.delivery.postMessage(thread, outbound({ text: '', unfetched: [{ name: 'huge.zip', url: 'https://files.slack.com/huge.zip', size: 300 * MIB }] }));

    expect(fake.messagesIn(thread.threadId).map((message) => message.content)).toEqual(['📎 huge.zip (300 MB, too large to carry over)']);
  });

  it('should not post the file-only part again when a retry follows a post that reached Discord but lost its answer', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const twelve = files(12);
    let executes = 0;
    fake.failNext((request) => request.method === 'POST' && request.path.startsWith('/webhooks/') && (executes += 1) === 2, { status: 500, afterHandling: true });

    const lost = await bot.delivery.postMessage(thread, outbound({ text: 'Twelve shots', files: twelve })).catch((error: unknown) => error);
    expect(lost).toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(fake.messagesIn(thread.threadId)).toHaveLength(2);

    const retried = await bot.delivery.postMessage(thread, outbound({ text: 'Twelve shots', files: twelve, isRetry: true }));

    const posted = fake.messagesIn(thread.threadId);
    expect(posted).toHaveLength(2);
    expect(retried).toEqual(posted.map((message) => message.id));
    expect(filenames(h!, thread, retried[1])).toEqual(['shot-10.png', 'shot-11.png']);
    expect(uploads(h!)).toHaveLength(2);
  });

  it('should post the file when a retried file-only post never reached Discord even though another file-only post is there', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const [earlier] = await bot.delivery.postMessage(thread, outbound({ text: '', files: [file('a.png')] }));
    fake.failNext(/^POST \/webhooks\//, { status: 503 });

    await expect(bot.delivery.postMessage(thread, outbound({ text: '', files: [file('b.png')], idempotencyKey: 'k2' }))).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    const retried = await bot.delivery.postMessage(thread, outbound({ text: '', files: [file('b.png')], idempotencyKey: 'k2', isRetry: true }));

    expect(retried).toHaveLength(1);
    expect(retried[0]).not.toBe(earlier);
    expect(filenames(h!, thread, retried[0])).toEqual(['b.png']);
    expect(fake.messagesIn(thread.threadId)).toHaveLength(2);
  });

  it('should recognise an uploaded file whose name Discord rewrote when the retry looks for it', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const spaced = file('Screen Shot 2024.png');
    fake.failNext(/^POST \/webhooks\//, { status: 500, afterHandling: true });

    await bot.delivery.postMessage(thread, outbound({ text: '', files: [spaced] })).catch(() => undefined);
    const retried = await bot.delivery.postMessage(thread, outbound({ text: '', files: [spaced], isRetry: true }));

    expect(filenames(h!, thread, retried[0])).toEqual(['Screen_Shot_2024.png']);
    expect(fake.messagesIn(thread.threadId)).toHaveLength(1);
  });

  it('should upload the files as the bot with the name prefix when the channel does not allow webhooks', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    fake.permissions.manageWebhooks = false;
    const eleven = files(11);

    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'From Slack', files: eleven }));

    const posted = fake.messagesIn(thread.threadId);
    expect(posted.map((message) => [message.id, message.content, message.author.id, message.webhook_id])).toEqual([
      [ids[0], '**Erin (Acme support)**: From Slack', fake.world.botUser.id, undefined],
      [ids[1], '**Erin (Acme support)**:', fake.world.botUser.id, undefined],
    ]);
    expect(filenames(h!, thread, ids[0])).toHaveLength(10);
    expect(fake.attachmentsOf(thread.threadId, ids[1] ?? '')[0]?.data.equals(bytesOf(eleven[10] as OutboundFile))).toBe(true);
    expect(uploads(h!).map((request) => [request.authorized, request.files.length, typeof (request.body as { nonce?: unknown }).nonce])).toEqual([
      [true, 10, 'string'],
      [true, 1, 'string'],
    ]);
  });

  it('should not post a file-only part twice when a bot retry follows a post that reached Discord', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    fake.permissions.manageWebhooks = false;
    let posts = 0;
    fake.failNext((request) => request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path) && (posts += 1) === 2, { status: 502, afterHandling: true });

    await bot.delivery.postMessage(thread, outbound({ text: 'x', files: files(11) })).catch(() => undefined);
    const retried = await bot.delivery.postMessage(thread, outbound({ text: 'x', files: files(11), isRetry: true }));

    expect(fake.messagesIn(thread.threadId).map((message) => message.id)).toEqual(retried);
    expect(retried).toHaveLength(2);
  });

  it('should throw PlatformRejectedError once, without a second upload as the bot, when Discord refuses a file as too large', async () => {
    const { fake, bot } = await start({ maxFileBytes: 1_000 });
    const thread = await questionThread(h!);

    const error = await bot.delivery.postMessage(thread, outbound({ files: [file('big.png', 1_001)] })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ context: { status: 413, discordCode: 40005 } });
    expect(uploads(h!).map((request) => request.status)).toEqual([413]);
    expect(fake.messagesIn(thread.threadId)).toEqual([]);
  });

  it('should tell the core it posts files up to 10 MiB when asked for its limit', async () => {
    const { bot } = await start();

    expect(bot.delivery.maxFileBytes).toBe(10 * MIB);
  });
});

describe('discord delivery: editing and deleting messages with files', () => {
  it('should change only the text and keep every file when a message with a file-only part is edited', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Before', files: files(12) }));

    const edited = await bot.delivery.editMessage(thread, ids, outbound({ text: 'After', idempotencyKey: 'edit-1' }));

    expect(edited).toEqual(ids);
    expect(fake.messagesIn(thread.threadId).map((message) => [message.content, message.attachments.length])).toEqual([['After', 10], ['', 2]]);
    expect(fake.attachmentsOf(thread.threadId, ids[0] ?? '').every((attachment) => attachment.data.length > 0)).toBe(true);
    const patches = fake.requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.path.split('/').at(-1))).toEqual([ids[0]]);
    expect(patches[0]?.body).not.toHaveProperty('attachments');
  });

  it('should name again the files the post does not carry when the message is edited', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const carried = file('shot one.png');
    const gone = { name: 'report.pdf', url: 'https://files.slack.com/report.pdf' };
    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Before', files: [carried], unfetched: [gone] }));
    expect(fake.messagesIn(thread.threadId)[0]?.content).toBe('Before\n📎 report.pdf (could not be carried over)');

    const attachments = [{ name: carried.name, url: 'https://files.slack.com/shot one.png' }, gone];
    await bot.delivery.editMessage(thread, ids, outbound({ text: 'After', idempotencyKey: 'edit-1', attachments }));

    // The carried file (which Discord renamed "shot_one.png") is not named; the one left off still is.
    expect(fake.messagesIn(thread.threadId).map((message) => [message.content, message.attachments.length])).toEqual([
      ['After\n📎 report.pdf (could not be carried over)', 1],
    ]);
  });

  it('should drop the text-only part and keep the part with the files when an edit makes the text shorter', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const ids = await bot.delivery.postMessage(thread, outbound({ text: longText(), files: files(11) }));
    expect(ids).toHaveLength(3);

    const edited = await bot.delivery.editMessage(thread, ids, outbound({ text: 'Short now', idempotencyKey: 'edit-1' }));

    expect(edited).toEqual([ids[1], ids[2]]);
    expect(fake.messagesIn(thread.threadId).map((message) => [message.id, message.content, message.attachments.length])).toEqual([
      [ids[1], 'Short now', 10],
      [ids[2], '', 1],
    ]);
  });

  it('should keep the files and blank only the text when an edit removes all of the text', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    fake.permissions.manageWebhooks = false;
    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Caption', files: [file('a.png')] }));

    const edited = await bot.delivery.editMessage(thread, ids, outbound({ text: '', idempotencyKey: 'edit-1' }));

    expect(edited).toEqual(ids);
    expect(fake.messagesIn(thread.threadId).map((message) => [message.content, message.attachments.length])).toEqual([['**Erin (Acme support)**:', 1]]);
  });

  it('should post the added text after the files when an edit makes a message with files longer', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Short', files: files(11) }));

    const edited = await bot.delivery.editMessage(thread, ids, outbound({ text: longText(), idempotencyKey: 'edit-1' }));

    expect(edited.slice(0, 2)).toEqual(ids);
    expect(edited).toHaveLength(3);
    const posted = fake.messagesIn(thread.threadId);
    expect(posted.map((message) => message.id)).toEqual(edited);
    expect(posted.map((message) => message.attachments.length)).toEqual([10, 1, 0]);
    expect([posted[0], posted[2]].map((message) => message?.content.trim()).join('\n')).toBe(longText());
  });

  it('should delete the file-only parts with the rest and stop serving their files when a message with files is deleted', async () => {
    const { fake, bot } = await start();
    const thread = await questionThread(h!);
    const ids = await bot.delivery.postMessage(thread, outbound({ text: 'Bye', files: files(12) }));
    const url = fake.attachmentsOf(thread.threadId, ids[1] ?? '')[0]?.url ?? '';

    await bot.delivery.deleteMessage(thread, ids);

    expect(fake.messagesIn(thread.threadId)).toEqual([]);
    expect(fake.requests.filter((request) => request.method === 'DELETE').map((request) => request.path.split('/').at(-1))).toEqual(ids);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('discord delivery: fetching files', () => {
  /** A customer posts a file; returns it as the core's Attachment would name it. */
  const customerFile = (harness: DiscordHarness, size: number) => {
    const data = Buffer.from(Array.from({ length: size }, (_, i) => i % 251));
    const message = harness.fake.userSends({
      channelId: harness.fake.world.ids.help, author: harness.fake.world.users.bob, content: 'my log',
      files: [{ filename: 'log.bin', contentType: 'application/octet-stream', data }],
    });
    const [attachment] = message.attachments;
    if (attachment === undefined) throw new Error('the fake did not attach the file');
    return { message, data, attachment: { name: attachment.filename, url: attachment.url, size: attachment.size, mimeType: attachment.content_type } };
  };

  it('should download the bytes without sending the Discord token when the file is on the CDN', async () => {
    const harness = await start();
    const { data, attachment } = customerFile(harness, 70_000);

    const downloaded = await harness.bot.delivery.fetchFile(attachment, 10 * MIB);

    expect(Buffer.from(downloaded).equals(data)).toBe(true);
    const [download] = harness.fake.cdnRequests;
    expect(download?.status).toBe(200);
    expect(download?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(download?.headers)).not.toContain(harness.fake.token);
  });

  it('should throw TOO_LARGE without downloading when the size Discord reported is over the limit', async () => {
    const harness = await start();
    const { attachment } = customerFile(harness, 2_000);

    const error = await harness.bot.delivery.fetchFile(attachment, 1_999).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HeimoError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', context: { size: 2_000, maxBytes: 1_999 } });
    expect(harness.fake.cdnRequests).toEqual([]);
  });

  it('should throw TOO_LARGE when the size is unknown and the streamed bytes pass the limit', async () => {
    const harness = await start();
    const { attachment } = customerFile(harness, 200_000);
    harness.fake.cdn.sendLength = false;
    const { size: _size, ...unsized } = attachment;

    const error = await harness.bot.delivery.fetchFile(unsized, 150_000).catch((caught: unknown) => caught);
    const whole = await harness.bot.delivery.fetchFile(unsized, 200_000);

    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(whole.byteLength).toBe(200_000);
    expect(harness.fake.cdnRequests.map((request) => request.status)).toEqual([200, 200]);
  });

  it('should throw PlatformRejectedError when the file is gone from the CDN', async () => {
    const harness = await start();
    const { message, attachment } = customerFile(harness, 100);
    harness.fake.userDeletes({ channelId: message.channel_id, messageId: message.id });

    const error = await harness.bot.delivery.fetchFile(attachment, MIB).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ context: { status: 404 } });
    expect(JSON.stringify((error as HeimoError).context)).not.toContain('hm=');
  });

  it('should throw a retryable PLATFORM_UNAVAILABLE and succeed on the next try when the CDN answers 500', async () => {
    const harness = await start();
    const { data, attachment } = customerFile(harness, 100);
    harness.fake.failNext('GET /attachments/', { status: 500 });

    const error = await harness.bot.delivery.fetchFile(attachment, MIB).catch((caught: unknown) => caught);
    const again = await harness.bot.delivery.fetchFile(attachment, MIB);

    expect(error).toBeInstanceOf(HeimoError);
    expect(error).not.toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', context: { status: 500 } });
    expect(Buffer.from(again).equals(data)).toBe(true);
  });

  it('should hand the core a link to the file served by the CDN when a customer posts a file', async () => {
    const harness = await start();
    const { message, attachment } = customerFile(harness, 100);

    const event = await waitFor(() => harness.events.find((item) => item.messageId === message.id), 'file message event');

    expect(event).toMatchObject({ text: expect.stringContaining(`[log.bin](${attachment.url})`) });
  });

  it('should refuse without any request when the URL is not on a Discord host', async () => {
    const harness = await start();
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await harness.bot.delivery.fetchFile({ name: 'x.png', url: `http://127.0.0.1:${port}/x.png` }, MIB).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PlatformRejectedError);
      expect(seen).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
