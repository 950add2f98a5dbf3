import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../config/env-read.ts';
import { listDeadDeliveries, retryDeadDeliveries, showDeliveryStatus } from '../../../bots/app/maintenance.ts';
import { createCliEnv, type CliEnv } from '../../support/cli-env.ts';

describe('heimo deliveries', () => {
  let cli: CliEnv | undefined;
  let env: Env;

  beforeAll(async () => {
    cli = await createCliEnv('deliveries');
    env = cli.env;
  });
  afterAll(() => cli?.dispose());

  it('should say so when there are no dead deliveries', async () => {
    const lines: string[] = [];
    expect(await listDeadDeliveries(env, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['no dead deliveries']);
  });

  it('should say so when no delivery is pending or dead and status is asked', async () => {
    const lines: string[] = [];
    expect(await showDeliveryStatus(env, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['no deliveries']);
  });

  it('should fail naming the id when asked to retry a delivery that is not dead', async () => {
    await expect(retryDeadDeliveries(env, ['no-such-id'], () => undefined)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no-such-id') });
  });
});
