import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFileFetcher } from '../../../bots/slack/fetch-file.ts';
import type { MessagePostedEvent } from '../../../core/domain/events.ts';
import type { Attachment } from '../../../core/domain/types.ts';
import { HeimoError, PlatformRejectedError, RateLimitedError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import type { CardRef } from '../../../core/ports/delivery.ts';
import { FILE_DOWNLOAD, type FakeSlackFile, type FakeSlackFileInput } from '../../fakes/slack/fake-slack.ts';
import { sendSlackEvent } from '../../fakes/slack/sign.ts';
import { cardView, SIGNING_SECRET, type SlackHarness, startSlackHarness, waitFor, waitForLog } from './harness.ts';

const CHANNEL = 'C0TRIAGE';
const MB = 1024 * 1024;
const png = randomBytes(40_000);

// A server that is not Slack: any request reaching it means the bot token may have leaked.
let foreign: Server;
let foreignUrl = '';
const foreignRequests: IncomingMessage[] = [];

beforeAll(async () => {
  foreign = createServer((request, response) => {
    foreignRequests.push(request);
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(png);
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => foreign.close(() => resolve())));

const attachmentOf = (file: FakeSlackFile, overrides: Partial<Attachment> = {}): Attachment => ({
  name: file.name,
  url: file.urlPrivateDownload,
  mimeType: file.mimetype,
  size: file.data.length,
  ...overrides,
});

/** Awaits a promise expected to fail and returns what it threw. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('slack files', () => {
  let h: SlackHarness;
  let card: CardRef;

  beforeEach(async () => {
    foreignRequests.length = 0;
    h = await startSlackHarness();
    card = await h.bot.delivery.postCard({ platform: 'slack', channelId: CHANNEL }, cardView());
  });
  afterEach(async () => h.close());

  const share = async (files: FakeSlackFileInput[], text = ''): Promise<FakeSlackFile[]> =>
    (await h.fake.userPosts({ channel: CHANNEL, user: 'U0ALICE', text, threadTs: card.threadId, files })).files;

  describe('inbound', () => {
    it('should hand the core a message.posted with every file as an attachment when an employee shares files', async () => {
      const [shot, log] = await share(
        [
          { name: 'screenshot.png', mimetype: 'image/png', data: png },
          { name: 'server log.txt', title: 'Server log', mimetype: 'text/plain', data: 'ERROR 403 at login' },
        ],
        'Here is what I see',
      );
      const event = await waitFor(() => h.events[0], 'message.posted');
      expect(event).toMatchObject({ type: 'message.posted', platform: 'slack', channelId: CHANNEL, threadId: card.threadId, text: 'Here is what I see' });
      expect((event as MessagePostedEvent).attachments).toEqual([
        { name: 'screenshot.png', url: shot?.urlPrivateDownload, mimeType: 'image/png', size: 40_000 },
        { name: 'server log.txt', url: log?.urlPrivateDownload, mimeType: 'text/plain', size: 18 },
      ]);
      // The event the fake sent is Slack's file_share with its files listed.
      expect(h.fake.deliveries.at(-1)?.event).toMatchObject({ subtype: 'file_share', files: [{ id: shot?.id, mode: 'hosted' }, { id: log?.id, title: 'Server log' }] });
    });

    it('should relay a file-only reply with empty text when the employee types nothing', async () => {
      await share([{ name: 'trace.json', mimetype: 'application/json', data: '{"ok":false}' }]);
      const event = (await waitFor(() => h.events[0], 'message.posted')) as MessagePostedEvent;
      expect(event.text).toBe('');
      expect(event.attachments?.map((file) => file.name)).toEqual(['trace.json']);
    });

    it('should skip tombstoned and hidden files when the reply still has a hosted one', async () => {
      await share(
        [
          { name: 'deleted.png', mimetype: 'image/png', data: png, mode: 'tombstone' },
          { name: 'old.png', mimetype: 'image/png', data: png, mode: 'hidden_by_limit' },
          { name: 'kept.png', mimetype: 'image/png', data: png },
        ],
        'three files',
      );
      const event = (await waitFor(() => h.events[0], 'message.posted')) as MessagePostedEvent;
      expect(event.attachments?.map((file) => file.name)).toEqual(['kept.png']);
      await waitForLog(h, 'slack file skipped', { reason: 'file mode tombstone' });
      await waitForLog(h, 'slack file skipped', { reason: 'file mode hidden_by_limit' });
    });

    it('should ignore a file-only reply when every file in it is gone', async () => {
      await share([{ name: 'deleted.png', mimetype: 'image/png', data: png, mode: 'tombstone' }]);
      await waitForLog(h, 'slack message ignored', { reason: 'no text and no file to relay (skipped: file mode tombstone)' });
      expect(h.events).toEqual([]);
    });

    it('should log malformed files and still relay the message when the files array is broken', async () => {
      const base = { type: 'message', subtype: 'file_share', channel: CHANNEL, user: 'U0ALICE', thread_ts: card.threadId };
      const good = { id: 'F0GOOD', name: 'ok.txt', mimetype: 'text/plain', size: 2, mode: 'hosted', url_private: 'https://files.slack.com/files-pri/T0FAKE-F0GOOD/ok.txt' };
      const first = await sendSlackEvent(h.eventsUrl, { ...base, ts: '1700000000.000101', text: 'not an array', files: 'F0GOOD' }, SIGNING_SECRET);
      const second = await sendSlackEvent(h.eventsUrl, { ...base, ts: '1700000000.000102', text: '', files: [null, { name: 'x' }, good] }, SIGNING_SECRET);
      expect([first.status, second.status]).toEqual([200, 200]);
      const [withText, withFile] = await waitFor(() => h.events.length === 2 && (h.events as MessagePostedEvent[]), 'both relayed');
      expect(withText).toMatchObject({ text: 'not an array' });
      expect(withText?.attachments).toBeUndefined();
      expect(withFile?.attachments).toEqual([{ name: 'ok.txt', url: good.url_private, mimeType: 'text/plain', size: 2 }]);
      const warnings = h.logs.filter((line) => line.msg === 'malformed slack file skipped');
      expect(warnings.map((line) => [line.level, line['reason']])).toEqual([
        ['warn', 'files is not an array'],
        ['warn', 'file is not an object'],
        ['warn', 'file without an id'],
      ]);
    });
  });

  describe('fetchFile', () => {
    it('should say it posts no files when asked its limit', () => {
      expect(h.bot.delivery.maxFileBytes).toBe(0);
    });

    it('should download the bytes with the bot token when the file is on Slack', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      const bytes = await h.bot.delivery.fetchFile(attachmentOf(file!), 10 * MB);
      expect(Buffer.from(bytes).equals(png)).toBe(true);
      expect(h.fake.downloads).toHaveLength(1);
      expect(h.fake.downloads[0]).toMatchObject({ fileId: file?.id, status: 200, path: new URL(file!.urlPrivateDownload).pathname });
      expect(h.fake.downloads[0]?.headers.authorization).toBe(`Bearer ${h.fake.token}`);
    });

    it('should fetch an HTML file when the file itself is HTML', async () => {
      const [file] = await share([{ name: 'page.html', mimetype: 'text/html', data: '<p>saved page</p>' }]);
      const bytes = await h.bot.delivery.fetchFile(attachmentOf(file!, { url: file!.urlPrivate }), MB);
      expect(Buffer.from(bytes).toString('utf8')).toBe('<p>saved page</p>');
    });

    it('should refuse without any request when the url is not on a Slack file host', async () => {
      const urls = [
        `${foreignUrl}/files-pri/T0FAKE-F0001/secret.png`,
        'http://files.slack.com/files-pri/T0FAKE-F0001/secret.png',
        'https://files.slack.com.evil.example/files-pri/T0FAKE-F0001/secret.png',
        'https://files.slack.com@evil.example/files-pri/T0FAKE-F0001/secret.png',
        'not a url',
      ];
      for (const url of urls) {
        const error = await failure(h.bot.delivery.fetchFile({ name: 'secret.png', url, mimeType: 'image/png' }, MB));
        expect(error, url).toBeInstanceOf(PlatformRejectedError);
      }
      expect(foreignRequests).toHaveLength(0);
      expect(h.fake.downloads).toHaveLength(0);
    });

    it('should refuse a redirect to another host without sending the token there', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      h.fake.failNext(FILE_DOWNLOAD, { redirect: `${foreignUrl}/steal` });
      const error = await failure(h.bot.delivery.fetchFile(attachmentOf(file!), MB));
      expect(error).toBeInstanceOf(PlatformRejectedError);
      expect((error as PlatformRejectedError).context).toMatchObject({ redirectHost: new URL(foreignUrl).host });
      expect(foreignRequests).toHaveLength(0);
      expect(h.fake.downloads.map((download) => download.status)).toEqual([302]);
    });

    it('should follow a redirect when it stays on Slack\'s own host', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      h.fake.failNext(FILE_DOWNLOAD, { redirect: new URL(file!.urlPrivate).pathname });
      const bytes = await h.bot.delivery.fetchFile(attachmentOf(file!), MB);
      expect(Buffer.from(bytes).equals(png)).toBe(true);
      expect(h.fake.downloads.map((download) => [download.status, download.headers.authorization])).toEqual([
        [302, `Bearer ${h.fake.token}`],
        [200, `Bearer ${h.fake.token}`],
      ]);
    });

    it('should refuse with TOO_LARGE without downloading when Slack\'s size is over the limit', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      const error = await failure(h.bot.delivery.fetchFile(attachmentOf(file!), 39_999));
      expect(error).toBeInstanceOf(HeimoError);
      expect((error as HeimoError).code).toBe('TOO_LARGE');
      expect(h.fake.downloads).toHaveLength(0);
    });

    it('should fetch a file when it is exactly the limit', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png, chunked: true }]);
      const bytes = await h.bot.delivery.fetchFile(attachmentOf(file!), 40_000);
      expect(bytes.byteLength).toBe(40_000);
    });

    it('should refuse with TOO_LARGE when the body streams past the limit and no size was known', async () => {
      const big = randomBytes(2 * MB);
      const [file] = await share([{ name: 'dump.bin', mimetype: 'application/octet-stream', data: big, chunked: true }]);
      const { size: _size, ...unsized } = attachmentOf(file!);
      const error = await failure(h.bot.delivery.fetchFile(unsized, 100_000));
      expect((error as HeimoError).code).toBe('TOO_LARGE');
      // Slack's size may also be wrong: the bytes counted decide.
      const lying = await failure(h.bot.delivery.fetchFile({ ...unsized, size: 10 }, 100_000));
      expect((lying as HeimoError).code).toBe('TOO_LARGE');
      expect(h.fake.downloads).toHaveLength(2);
    });

    it('should refuse with TOO_LARGE when Content-Length is over the limit and no size was known', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      const { size: _size, ...unsized } = attachmentOf(file!);
      const error = await failure(h.bot.delivery.fetchFile(unsized, 1_000));
      expect((error as HeimoError).code).toBe('TOO_LARGE');
      expect((error as HeimoError).context).toMatchObject({ size: 40_000, maxBytes: 1_000 });
    });

    it('should reject for good when Slack answers 404', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      const missing = attachmentOf(file!, { url: file!.urlPrivate.replace(file!.id, 'F0NOSUCH') });
      const error = await failure(h.bot.delivery.fetchFile(missing, MB));
      expect(error).toBeInstanceOf(PlatformRejectedError);
      expect((error as PlatformRejectedError).context).toMatchObject({ status: 404 });
      expect(h.fake.downloads.map((download) => download.status)).toEqual([404]);
    });

    it('should reject naming files:read when Slack answers its sign-in page', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      h.fake.setFilesRead(false);
      const error = await failure(h.bot.delivery.fetchFile(attachmentOf(file!), MB));
      expect(error).toBeInstanceOf(PlatformRejectedError);
      expect((error as Error).message).toContain('files:read');
      expect(h.fake.downloads.map((download) => download.status)).toEqual([200]);
    });

    it('should fail as unavailable so the outbox retries when Slack answers 500', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      h.fake.failNext(FILE_DOWNLOAD, { status: 500 });
      const error = await failure(h.bot.delivery.fetchFile(attachmentOf(file!), MB));
      expect(error).not.toBeInstanceOf(PlatformRejectedError);
      expect((error as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');
      // The failure was one-off: the retry gets the file.
      expect(Buffer.from(await h.bot.delivery.fetchFile(attachmentOf(file!), MB)).equals(png)).toBe(true);
    });

    it('should report the wait when Slack answers 429', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      h.fake.failNext(FILE_DOWNLOAD, { status: 429, retryAfterSeconds: 7 });
      const error = await failure(h.bot.delivery.fetchFile(attachmentOf(file!), MB));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    });

    it('should fail as unavailable when the connection fails or the download hangs', async () => {
      const [file] = await share([{ name: 'screenshot.png', mimetype: 'image/png', data: png }]);
      const logger = createLogger({ level: 'error', write: () => undefined });
      const fetcher = createSlackFileFetcher({ botToken: h.fake.token, apiUrl: h.fake.apiUrl, logger, timeoutMs: 300 });
      h.fake.failNext(FILE_DOWNLOAD, { hang: true });
      const hung = await failure(fetcher(attachmentOf(file!), MB));
      expect((hung as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');

      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const down = createSlackFileFetcher({ botToken: h.fake.token, apiUrl: `${closedOrigin}/api/`, logger });
      const refused = await failure(down({ name: 'a.png', url: `${closedOrigin}/files-pri/T0FAKE-F0001/a.png` }, MB));
      expect((refused as HeimoError).code).toBe('PLATFORM_UNAVAILABLE');
    });
  });
});
