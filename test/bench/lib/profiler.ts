import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

/**
 * Records a V8 CPU profile of the calling thread (BENCH_CPU_PROFILE_DIR turns it on for both
 * threads); the returned function stops and writes it (open it in Chrome DevTools or speedscope).
 */
export async function startCpuProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}
