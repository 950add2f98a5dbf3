import { parentPort } from 'node:worker_threads';
import { startCpuProfile } from '../lib/profiler.ts';
import { serve } from '../lib/rpc.ts';
import { createRandom, conversationTag, generateText } from '../lib/traffic.ts';
import type { Endpoints, PlatformApi } from '../protocol.ts';
import { startDiscordFake, type DiscordFake } from './discord-fake.ts';
import type { EmployeeFake, EmployeeFakes } from './employee-fake.ts';
import { account, DeliveryTracker, runLoad, settle, type Conversation } from './load.ts';
import { startSlackFake } from './slack-fake.ts';
import { startTeamsFake } from './teams-fake.ts';

/**
 * The platform thread: the Discord fake, one employee-side fake and the load generator. It runs
 * apart from the relay under test (main thread) so the stand-ins of the platforms, which are other
 * machines in reality, do not share an event loop with it.
 */

const EMPLOYEE_FAKES: EmployeeFakes = { slack: startSlackFake, teams: startTeamsFake };

const port = parentPort;
if (port === null) throw new Error('platform-thread.ts runs as a worker thread');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let discord: DiscordFake | undefined;
let employee: EmployeeFake | undefined;
let conversations: Conversation[] = [];
let random = createRandom(1);
let customerCount = 1;
let employeeCount = 1;
const tracker = new DeliveryTracker();
let stopProfile: ((file: string) => Promise<void>) | undefined;

const running = (): { discord: DiscordFake; employee: EmployeeFake } => {
  if (discord === undefined || employee === undefined) throw new Error('fakes are not started');
  return { discord, employee };
};

const stopFakes = async (): Promise<void> => {
  await employee?.close();
  await discord?.close();
  employee = undefined;
  discord = undefined;
  conversations = [];
};

const api: PlatformApi = {
  async start(request) {
    await stopFakes();
    const factory = EMPLOYEE_FAKES[request.employee];
    if (factory === undefined) throw new Error(`no ${request.employee} fake for the benchmark yet`);
    random = createRandom(request.seed);
    customerCount = request.customers;
    employeeCount = request.employees;
    tracker.forgetOutstanding();
    const onDelivery = (text: string): void => tracker.onDelivery(text);
    discord = await startDiscordFake({ customers: request.customers, onDelivery });
    employee = await factory({ employees: request.employees, onDelivery });
    return { discord: discord.endpoints, employee: employee.endpoints } satisfies Endpoints;
  },

  async attach({ relayUrl }) {
    running().employee.attach(relayUrl);
  },

  async setup({ count, timeoutMs }) {
    const fakes = running();
    const started = performance.now();
    const asked: Array<Omit<Conversation, 'rootId'>> = [];
    for (let index = conversations.length; index < count; index += 1) {
      const customers: [number, number] = [(2 * index) % customerCount, (2 * index + 1) % customerCount];
      const employees: [number, number] = [index % employeeCount, (index * 7 + 3) % employeeCount];
      const question = `${conversationTag(index)} ${generateText(random, { medianChars: 80, p90Chars: 300, maxChars: 1_500, codeFenceRate: 0.05, inlineCodeRate: 0.1, linkRate: 0.05 })}`;
      const threadId = fakes.discord.ask(customers[0], question);
      asked.push({ index, threadId, customers, employees, nextSeq: 0, lastDeliveredSeq: -1 });
      if (index % 20 === 19) await sleep(20); // questions arrive quickly, not all in one instant
    }
    const deadline = started + timeoutMs;
    for (;;) {
      const roots = fakes.employee.roots();
      const ready = asked.filter((item) => fakes.discord.hasThread(item.threadId) && roots.has(item.index));
      if (ready.length === asked.length) {
        conversations.push(...asked.map((item) => ({ ...item, rootId: roots.get(item.index) as string })));
        fakes.discord.prune();
        fakes.employee.prune();
        return { conversations: conversations.length, ms: performance.now() - started };
      }
      if (performance.now() > deadline) throw new Error(`setup: ${ready.length} of ${asked.length} conversations ready after ${timeoutMs} ms`);
      await sleep(25);
    }
  },

  async load(request) {
    const fakes = running();
    return runLoad(request, conversations, {
      sendAsCustomer: (conversation, text) => fakes.discord.send(conversation.threadId, conversation.customers[random() < 0.7 ? 0 : 1], text),
      sendAsEmployee: (conversation, text) => fakes.employee.reply(conversation.rootId, conversation.employees[random() < 0.7 ? 0 : 1], text),
      prune: () => fakes.discord.prune() + fakes.employee.prune(),
    }, tracker, random);
  },

  settle: ({ quietMs, timeoutMs }) => settle(tracker, quietMs, timeoutMs),

  account: ({ quietMs, timeoutMs }) => account(tracker, quietMs, timeoutMs),

  async burn({ ms }) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // busy on purpose
    }
  },

  async startProfile() {
    stopProfile = await startCpuProfile();
  },

  async stopProfile({ file }) {
    await stopProfile?.(file);
    stopProfile = undefined;
  },

  async stop() {
    await stopFakes();
  },
};

serve(port, api);
