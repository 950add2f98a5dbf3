import { describe, expect, it } from 'vitest';
import { createKeyedSerializer } from '../../../core/conversations/serialize-by-key.ts';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('createKeyedSerializer', () => {
  it('should run tasks of one key in submission order when the first finishes last', async () => {
    const serializer = createKeyedSerializer();
    const order: string[] = [];
    const gate = deferred();
    const first = serializer.run('t1', async () => {
      await gate.promise;
      order.push('first');
    });
    const second = serializer.run('t1', async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('should run tasks of different keys concurrently when one key is blocked', async () => {
    const serializer = createKeyedSerializer();
    const gate = deferred();
    const blocked = serializer.run('a', () => gate.promise);
    await expect(serializer.run('b', async () => 'done')).resolves.toBe('done');
    gate.resolve();
    await blocked;
  });

  it('should still run the next task and report each failure to its caller when a task fails', async () => {
    const serializer = createKeyedSerializer();
    const failing = serializer.run('k', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('k', async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('should forget a key when its last task has settled', async () => {
    const serializer = createKeyedSerializer();
    await Promise.all([serializer.run('x', async () => 1), serializer.run('x', async () => 2)]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(serializer.activeKeys).toBe(0);
  });
});
