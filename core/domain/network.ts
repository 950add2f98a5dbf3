import { readableStart } from '../format/clean-text.ts';
import type { Destination } from './types.ts';

/** One Discord channel whose questions go to one employee destination. */
export interface RouteConfig {
  /** A Discord text channel (help channel) or forum channel. */
  discordChannelId: string;
  destination: Destination;
}

/** A company's community: its Discord server and how its channels route. */
export interface CommunityConfig {
  id: string;
  name: string;
  discordGuildId: string;
  routes: RouteConfig[];
}

/** The network file: every community Heimo links, and relay-wide settings. */
export interface NetworkConfig {
  communities: CommunityConfig[];
  /** Employee replies starting with one of these stay internal (default `//`, `note:`). */
  internalMarkers: string[];
}

/** A resolved route: the community a Discord channel belongs to and where its questions go. */
export interface ResolvedRoute {
  community: CommunityConfig;
  destination: Destination;
}

/** Finds the route of a Discord help or forum channel; undefined when Heimo does not watch it. */
export function findRoute(network: NetworkConfig, discordChannelId: string): ResolvedRoute | undefined {
  for (const community of network.communities) {
    const route = community.routes.find((candidate) => candidate.discordChannelId === discordChannelId);
    if (route) return { community, destination: route.destination };
  }
  return undefined;
}

/** Every Discord channel the network watches, for the Discord bot. */
export function watchedDiscordChannels(network: NetworkConfig): string[] {
  return network.communities.flatMap((community) => community.routes.map((route) => route.discordChannelId));
}

/**
 * True when employee text starts with an internal marker as a person reads it: case-insensitive,
 * Unicode NFKC-normalised, leading whitespace and invisible characters (U+200B, U+FEFF, ...) ignored.
 */
export function isInternalNote(text: string, markers: string[]): boolean {
  const start = readableStart(text).toLowerCase();
  return markers.some((marker) => {
    const wanted = readableStart(marker).toLowerCase();
    return wanted !== '' && start.startsWith(wanted);
  });
}
