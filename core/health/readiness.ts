/** The outcome of one readiness check. */
export interface CheckResult {
  ok: boolean;
  /** The full story (ids, platform error texts): shown only to operators. */
  detail: string;
  /** What anyone may see instead of `detail`; by default "ok" or "not ready". */
  summary?: string;
}

/** A readiness check; may be slow (it is run with a time limit) and may throw (it then fails). */
export type ReadinessCheck = () => Promise<CheckResult> | CheckResult;

/** The readiness report /readyz and /healthz serve. */
export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
  /** Platforms without credentials (not started). */
  unconfigured: string[];
}

/** Who asks: an operator (admin listener or admin token) sees details, anyone else summaries. */
export type ReportView = 'detailed' | 'public';

/** Heimo's readiness: named checks, added by whoever owns the part they watch. */
export interface Readiness {
  /** Adds (or replaces) the check called `name`. */
  add(name: string, check: ReadinessCheck): void;
  /** Drops the check called `name` (a route check after a reload took the route away). */
  remove(name: string): void;
  report(view: ReportView): Promise<HealthReport>;
}

/** Options of the readiness registry. */
export interface ReadinessConfig {
  unconfigured?: () => string[];
  /** A check not answering within this time fails (default 3 s), so /readyz always answers. */
  timeoutMs?: number;
}

const run = async (check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms`, summary: 'not answering' }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), limit]);
  } catch (error) {
    return { ok: false, detail: `check failed: ${error instanceof Error ? error.message : String(error)}`, summary: 'check failed' };
  } finally {
    clearTimeout(timer);
  }
};

/** Creates the readiness registry; checks run concurrently on every report. */
export function createReadiness(config: ReadinessConfig = {}): Readiness {
  const checks = new Map<string, ReadinessCheck>();
  const timeoutMs = config.timeoutMs ?? 3_000;
  return {
    add: (name, check) => void checks.set(name, check),
    remove: (name) => void checks.delete(name),
    report: async (view) => {
      const results = await Promise.all([...checks].map(async ([name, check]) => [name, await run(check, timeoutMs)] as const));
      const shown: HealthReport['checks'] = {};
      for (const [name, result] of results) {
        shown[name] = { ok: result.ok, detail: view === 'detailed' ? result.detail : (result.summary ?? (result.ok ? 'ok' : 'not ready')) };
      }
      return { ok: results.every(([, result]) => result.ok), checks: shown, unconfigured: config.unconfigured?.() ?? [] };
    },
  };
}
