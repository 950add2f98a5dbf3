import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeConnector, type FakeConnectorCall } from '../../fakes/teams/fake-connector.ts';
import { createFakeTeamsIdentity } from '../../fakes/teams/fake-identity.ts';
import { channelReply, sendActivity, type ChannelScene, type TeamsPerson } from '../../fakes/teams/send-activity.ts';
import { tagOf } from '../lib/traffic.ts';
import type { EmployeeFake, EmployeeFakeFactory } from './employee-fake.ts';

const PASSWORD = 'bench-client-secret';
const TENANT = '11111111-2222-4333-8444-555555555555';
const TEAM = '19:team-bench@thread.tacv2';
const CHANNEL = '19:bench-support@thread.tacv2';
const BARE_TOKEN = `bare-relay-${randomUUID()}`;

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What an employee's message looks like in Teams: HTML, code fences as <pre>, lines as <br>. */
export function teamsHtml(text: string): string {
  const out: string[] = [];
  let code: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (code === undefined) code = [];
      else {
        out.push(`<pre><code>${code.map(escapeHtml).join('\n')}</code></pre>`);
        code = undefined;
      }
    } else if (code !== undefined) code.push(line);
    else out.push(`${escapeHtml(line)}<br>`);
  }
  if (code !== undefined) out.push(`<pre><code>${code.map(escapeHtml).join('\n')}</code></pre>`);
  return `<p>${out.join('')}</p>`;
}

/**
 * The Teams stand-ins (OpenID/JWKS issuer, HTTPS login authority, Bot Framework connector) as the
 * benchmark's employee side, authentication on. Employees' replies carry one channel token minted
 * at start (Teams reuses its tokens too); Heimo's posts are not echoed back (Teams does not deliver
 * a bot's own channel posts to it). Deliveries are seen as the connector logs each call, right
 * after reading its body.
 */
export const startTeamsFake: EmployeeFakeFactory = async ({ employees, onDelivery }): Promise<EmployeeFake> => {
  const appId = randomUUID();
  const identity = await createFakeTeamsIdentity({ appId, appPassword: PASSWORD, tenantId: TENANT });
  identity.issuedTokens.add(BARE_TOKEN);
  const connector = await createFakeConnector({ acceptToken: (token) => token !== undefined && identity.issuedTokens.has(token), pathPrefix: 'teams' });
  const log = connector.calls;
  const push = log.push.bind(log);
  log.push = (...calls: FakeConnectorCall[]): number => {
    for (const call of calls) {
      const text = call.body?.['text'];
      if (call.operation === 'sendToConversation' && typeof text === 'string') onDelivery(text);
    }
    return push(...calls);
  };
  const caDir = await mkdtemp(join(tmpdir(), 'heimo-bench-teams-'));
  const caFile = join(caDir, 'login-ca.pem');
  await writeFile(caFile, identity.ca);
  const scene: ChannelScene = { serviceUrl: connector.serviceUrl, appId, tenantId: TENANT, teamId: TEAM, channelId: CHANNEL };
  const people: TeamsPerson[] = Array.from({ length: employees }, (_, index) => ({ id: `29:1employee${index}`, name: `Employee ${index}`, aadObjectId: `aad-employee-${index}` }));
  const token = await identity.mintToken({ audience: appId, serviceUrl: connector.serviceUrl });
  const isRoot = (conversationId: string, id: string): boolean => conversationId === `${CHANNEL};messageid=${id}`;
  let botUrl = '';
  let refused = 0;
  return {
    endpoints: {
      platform: 'teams',
      env: {
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: PASSWORD,
        MICROSOFT_APP_TENANT_ID: TENANT,
        TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
        TEAMS_LOGIN_URL: identity.loginUrl,
        TEAMS_LOGIN_CA_FILE: caFile,
        TEAMS_ALLOWED_SERVICE_URLS: connector.serviceUrl,
        TEAMS_SERVICE_URL: connector.serviceUrl,
      },
      destination: { platform: 'teams', teamId: TEAM, channelId: CHANNEL },
      bare: { serviceUrl: connector.serviceUrl, token: BARE_TOKEN, channel: CHANNEL, appId },
    },
    attach: (relayUrl) => {
      botUrl = `${relayUrl}/api/messages`;
    },
    roots: () => {
      const found = new Map<number, string>();
      for (const held of connector.activities.values()) {
        if (!isRoot(held.conversationId, held.id)) continue;
        const tag = tagOf(JSON.stringify(held.activity));
        if (tag !== undefined) found.set(tag, held.id);
      }
      return found;
    },
    reply: (rootId, employee, text) => {
      const from = people[employee % people.length];
      if (from === undefined || botUrl === '') throw new Error('no employees, or not attached');
      void sendActivity(botUrl, channelReply(scene, { rootId, from, html: teamsHtml(text) }), token).then(
        (result) => void (result.status >= 300 && (refused += 1)),
        () => void (refused += 1),
      );
    },
    prune: () => {
      const errors = log.filter((call) => call.status >= 400).length + refused;
      refused = 0;
      log.length = 0;
      for (const [key, held] of connector.activities) if (!isRoot(held.conversationId, held.id)) connector.activities.delete(key);
      return errors;
    },
    close: async () => {
      await connector.close();
      await identity.close();
      await rm(caDir, { recursive: true, force: true });
    },
  };
};
