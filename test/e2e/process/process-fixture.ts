import { afterAll, afterEach } from 'vitest';
import { killLeftovers } from './heimo-process.ts';
import { createHeimoStore, removeStoreTemplate, type HeimoStore } from './heimo-store.ts';
import { startProcessNetwork, type ProcessNetwork } from './process-network.ts';

/** A migrated store and the stand-ins for one test. */
export interface ProcessFixture {
  store: HeimoStore;
  network: ProcessNetwork;
}

/**
 * Registers the clean-up every process test needs (children killed first, then stand-ins and
 * store) and returns `open`, which makes a fresh migrated store and stand-ins for the current test.
 */
export function useProcessFixture(): { open(): Promise<ProcessFixture> } {
  let current: Partial<ProcessFixture> = {};
  afterEach(async () => {
    await killLeftovers();
    await current.network?.close();
    await current.store?.dispose();
    current = {};
  });
  afterAll(async () => {
    await removeStoreTemplate();
  });
  return {
    async open() {
      const store = await createHeimoStore({ migrated: true });
      current.store = store;
      const network = await startProcessNetwork(store.dir);
      current.network = network;
      return { store, network };
    },
  };
}
