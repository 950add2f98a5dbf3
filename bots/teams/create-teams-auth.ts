import { ConfidentialClientApplication } from '@azure/msal-node';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  AuthenticationError,
  GovernmentConstants,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  MsalServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type BotFrameworkAuthentication,
  type Claim,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { isUsGovLogin, type TeamsBotConfig } from './config.ts';
import { rememberVerifiedTokens } from './verified-tokens.ts';

/** The Bot Framework endpoints of one cloud that Heimo does not take from the environment. */
interface CloudConstants {
  oauthScope: string;
  channelIssuer: string;
  oauthUrl: string;
  emulatorOpenIdMetadataUrl: string;
  callerId: string;
}

const cloudOf = (loginUrl: string): CloudConstants =>
  isUsGovLogin(loginUrl)
    ? {
        oauthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
        channelIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
        oauthUrl: GovernmentConstants.OAuthUrl,
        emulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        callerId: CallerIdConstants.USGovChannel,
      }
    : {
        oauthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        channelIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        oauthUrl: AuthenticationConstants.OAuthUrl,
        emulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        callerId: CallerIdConstants.PublicAzureChannel,
      };

/** The tenant outbound tokens are requested in: the bot's own, or Bot Framework's for multi-tenant bots. */
const tokenTenant = (config: TeamsBotConfig): string =>
  config.appType !== 'MultiTenant' && config.tenantId ? config.tenantId : 'botframework.com';

function credentialsFactory(config: TeamsBotConfig): ServiceClientCredentialsFactory {
  // An empty app id is botbuilder's "authentication disabled"; only the insecure switch gets here with one.
  if (!config.appId) return new PasswordServiceClientCredentialFactory('', '', '');
  if (config.appType === 'UserAssignedMSI') return new ManagedIdentityServiceClientCredentialsFactory(config.appId, new JwtTokenProviderFactory());
  const authority = `${config.loginUrl}/${tokenTenant(config)}`;
  const client = new ConfidentialClientApplication({
    // Listing the host as known skips MSAL's instance discovery at login.microsoftonline.com,
    // which a sovereign cloud, a proxy or an offline test authority cannot answer.
    auth: { clientId: config.appId, clientSecret: config.appPassword ?? '', authority, knownAuthorities: [new URL(config.loginUrl).host] },
    ...(config.loginCa === undefined ? {} : { system: { customAgentOptions: { ca: config.loginCa } } }),
  });
  // msal-node ships separate ESM and CJS typings; botframework-connector names the CJS one.
  return new MsalServiceClientCredentialsFactory(config.appId, client as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

// Exposes the authentication the adapter verifies every request with (protected in botbuilder).
class CheckedTeamsAdapter extends TeamsAdapter {
  get authentication(): BotFrameworkAuthentication {
    return this.botFrameworkAuthentication;
  }
}

/** The adapter, and the same authentication on its own so requests can be checked before the adapter sees them. */
export interface TeamsAuth {
  adapter: TeamsAdapter;
  authentication: BotFrameworkAuthentication;
}

/**
 * Creates the Teams adapter with every Bot Framework endpoint set explicitly (botbuilder's
 * "fully parameterized" mode), so the environment decides where keys and tokens come from.
 */
export function createTeamsAuth(config: TeamsBotConfig): TeamsAuth {
  const cloud = cloudOf(config.loginUrl);
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId,
    MicrosoftAppTenantId: config.tenantId ?? '',
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: `${config.loginUrl}/${tokenTenant(config)}`,
    ToChannelFromBotOAuthScope: cloud.oauthScope,
    ToBotFromChannelTokenIssuer: cloud.channelIssuer,
    OAuthUrl: cloud.oauthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: cloud.emulatorOpenIdMetadataUrl,
    CallerId: cloud.callerId,
  };
  // Only Teams' channel service talks to Heimo: emulator and skill tokens are refused, and
  // refusing with AuthenticationError makes the adapter answer 401 rather than 500.
  const onlyChannelTokens = async (claims: Claim[]): Promise<void> => {
    const issuer = claims.find((claim) => claim.type === AuthenticationConstants.IssuerClaim)?.value;
    if (issuer !== cloud.channelIssuer) throw new AuthenticationError('Unauthorized. Only Teams channel tokens are accepted.', 401);
  };
  const credentials = credentialsFactory(config);
  const authConfiguration = new AuthenticationConfiguration([], onlyChannelTokens);
  const adapter = new CheckedTeamsAdapter(options, credentials, authConfiguration);
  // The adapter's own authentication serves the early check too, so one verification serves both.
  const authentication = adapter.authentication;
  if (config.appId) rememberVerifiedTokens(authentication);
  return { adapter, authentication };
}

/** Gets one outbound token exactly as deliveries do; rejects with the login authority's reason (`heimo doctor`). */
export async function requestBotToken(config: TeamsBotConfig): Promise<void> {
  const credentials = await credentialsFactory(config).createCredentials(config.appId, cloudOf(config.loginUrl).oauthScope, `${config.loginUrl}/${tokenTenant(config)}`, true);
  // Both factories Heimo uses (MSAL, managed identity) hand out AppCredentials, which expose getToken.
  await (credentials as unknown as { getToken(forceRefresh?: boolean): Promise<string> }).getToken(true);
}
