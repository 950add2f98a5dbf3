import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTeamsEnv } from '../../../bots/teams/config.ts';
import { createTeamsBot } from '../../../bots/teams/create-teams-bot.ts';
import { createLogger } from '../../../core/logger.ts';
import type { CommandSide, QuestionPlace } from '../../contracts/command-side.ts';
import { createTeamsCommandSide } from '../../contracts/teams-command-side.ts';
import { createTeamsSide, type TeamsSide } from '../../contracts/teams-side.ts';
import { createTestCommandPort } from './command-port.ts';
import { serveRoutes } from './harness.ts';

describe('Teams command side of the contract suite (over the Teams stand-ins and the real bot)', () => {
  let side: TeamsSide;
  let commands: CommandSide;
  let server: Server;
  let test: ReturnType<typeof createTestCommandPort>;
  let question: QuestionPlace;

  beforeEach(async () => {
    side = await createTeamsSide();
    const read = readTeamsEnv(side.env);
    if (read.status !== 'configured') throw new Error('the side should configure Teams');
    const bot = createTeamsBot({ ...read.config, logger: createLogger({ level: 'error', write: () => undefined }), loginCa: side.identity.ca });
    test = createTestCommandPort();
    await bot.start(async () => ({ status: 'accepted', conversationId: 'conv-1' }), test.port);
    const served = await serveRoutes(bot);
    server = served.server;
    await side.attach(served.url);
    commands = createTeamsCommandSide(side);
    question = { conversationId: 'conv-1', channelId: side.scene.channelId, threadId: 'thread-1', cardMessageId: 'thread-1' };
  });
  afterEach(async () => {
    await commands.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await side.close();
  });

  it('should read a public reply from the chain when staff press Resolve', async () => {
    await expect(commands.press({ action: 'resolve', as: 'staff', question })).resolves.toEqual({ text: 'Alice Lindqvist marked this question solved.', private: false });
    expect(test.calls).toMatchObject([{ method: 'resolve' }]);
  });

  it('should read a private refusal from the 1:1 chat when a member types claim on the card', async () => {
    await expect(commands.run({ command: 'claim', as: 'member', question })).resolves.toEqual({ text: 'You may not use `claim`: it needs staff.', private: true });
  });

  it('should read a private refusal from the invoke answer when a member presses Claim', async () => {
    await expect(commands.press({ action: 'claim', as: 'member', question })).resolves.toEqual({ text: 'You may not use `claim`: it needs staff.', private: true });
  });

  it('should pass arguments typed by name and as trailing text when a staff member closes with a reason', async () => {
    const reply = await commands.run({ command: 'close', args: { reason: 'duplicate of conv-0' }, as: 'staff', question });

    expect(reply.private).toBe(false);
    expect(test.requests[0]?.args).toEqual({ reason: 'duplicate of conv-0' });
  });

  it('should make a moderator of the moderators\' team when they run deliveries outside any card', async () => {
    const reply = await commands.run({ command: 'deliveries', args: { action: 'list' }, as: 'moderator' });
    const refused = await commands.run({ command: 'deliveries', args: { action: 'list' }, as: 'staff' });

    expect(reply.private).toBe(true);
    expect(refused).toMatchObject({ private: true, text: expect.stringContaining('moderator') });
    expect(test.audits).toMatchObject([{ command: 'deliveries', outcome: 'allowed' }, { command: 'deliveries', outcome: 'denied' }]);
  });

  it('should resolve with the chosen message when staff mark it as the solution', async () => {
    const reply = await commands.markSolution({ messageId: 'msg-3', as: 'staff', question });

    expect(reply.private).toBe(false);
    expect(test.calls).toMatchObject([{ method: 'resolve', request: { solution: { messageId: 'msg-3' } } }]);
  });
});
