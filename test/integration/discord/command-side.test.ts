import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRegistry, createCommandRunner, type CommandServices } from '../../../core/commands/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { createLogger } from '../../../core/logger.ts';
import type { CommandPort } from '../../../core/ports/commands.ts';
import { createDiscordCommandSide, type AskedQuestion, type DiscordCommandSide } from '../../contracts/discord-command-side.ts';
import { createRecordingServices, TEST_PERMISSIONS } from '../../support/command-fixtures.ts';

// The contract side with the real runner over recording services: each persona gets what its roles allow.
describe('Discord command side', () => {
  let side: DiscordCommandSide;
  let asked: AskedQuestion;
  const recording = createRecordingServices();

  beforeAll(async () => {
    const ids = { thread: '', asker: '' };
    const services: CommandServices = {
      ...recording.services,
      questions: {
        find: (communityId, ref) => recording.services.questions.find(communityId, 'threadId' in ref && ref.threadId === ids.thread ? { ...ref, threadId: 'thread-1' } : ref),
        isAsker: (id, person) => recording.services.questions.isAsker(id, person.userId === ids.asker ? { ...person, userId: 'asker' } : person),
      },
    };
    const registry = createCommandRegistry();
    const runner = createCommandRunner({ registry, services, permissions: () => TEST_PERMISSIONS, audit: { record: async () => undefined }, translator: (locale) => translator(locale, 'en'), logger: createLogger({ level: 'error' }) });
    const commands: CommandPort = { definitions: registry.definitions, groups: registry.groups, run: (request) => runner.run({ ...request, communityId: 'acme' }), text: (key, locale) => translator(locale)(key) };
    side = await createDiscordCommandSide(commands);
    asked = side.askQuestion('Login fails');
    ids.thread = asked.threadId;
    ids.asker = side.fake.world.users.bob.id;
  });
  afterAll(async () => {
    await side.close();
  });

  it('should let staff claim and refuse a member when both run claim on the question', async () => {
    const question = { ...asked, conversationId: 'conv-1' };
    expect(await side.run({ command: 'claim', as: 'staff', question })).toEqual({ text: 'Alice from Acme took this question.', private: false });
    const refused = await side.run({ command: 'claim', as: 'member', question });
    expect(refused.private).toBe(true);
  });

  it('should let the asker mark a reply as the solution and press the prompt button', async () => {
    const question = { ...asked, conversationId: 'conv-1' };
    const messageId = side.reply(asked, 'Clear your cookies');
    expect((await side.markSolution({ messageId, as: 'asker', question })).private).toBe(false);
    expect(recording.calls.at(-1)).toMatchObject({ method: 'resolve', request: { solution: { messageId } } });
    expect((await side.press({ action: 'reopen', as: 'asker', question })).private).toBe(false);
    expect(recording.calls.at(-1)).toMatchObject({ method: 'reopen', request: { conversationId: 'conv-1' } });
  });

  it('should give a moderator the dead deliveries and a boolean option to staff when they run them', async () => {
    expect(await side.run({ command: 'deliveries', args: { action: 'list' }, as: 'moderator' })).toMatchObject({ private: true });
    await side.run({ command: 'onduty', args: { on: 'yes' }, as: 'staff' });
    expect(recording.calls.at(-1)).toMatchObject({ method: 'onDuty', request: { onDuty: true } });
  });
});
