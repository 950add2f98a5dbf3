import type { MessagePort, Worker } from 'node:worker_threads';

type Call = { id: number; method: string; request: unknown };
type Reply = { id: number; result?: unknown; error?: string };

/** The calling side of a worker: each method posts a request and resolves with the worker's answer. */
export function connect<T extends object>(worker: Worker): T {
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.result);
  });
  const failAll = (error: Error): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`platform thread exited with code ${code}`)));
  return new Proxy({} as T, {
    // 'then' must stay undefined, or awaiting the proxy would call the worker.
    get: (_target, method: string) => method === 'then' ? undefined : (request: unknown) =>
      new Promise((resolve, reject) => {
        const id = (next += 1);
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, request } satisfies Call);
      }),
  });
}

/** The answering side: dispatches each call to `api` and posts the result or the error message back. */
export function serve(port: MessagePort, api: object): void {
  port.on('message', (call: Call) => {
    const method = (api as Record<string, ((request: unknown) => Promise<unknown>) | undefined>)[call.method];
    const reply = (answer: Omit<Reply, 'id'>): void => port.postMessage({ id: call.id, ...answer });
    if (method === undefined) {
      reply({ error: `unknown method ${call.method}` });
      return;
    }
    method(call.request).then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
