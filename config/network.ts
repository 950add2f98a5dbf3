import type { Destination } from '../core/domain/types.ts';

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
