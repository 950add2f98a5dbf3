// Downloads of files a chat platform serves: shared by every bot that carries files across.

/**
 * Reads a response body, stopping (and cancelling the body) as soon as it passes `maxBytes`: the
 * size a platform reports can be missing or wrong, so only the bytes counted are trusted.
 * `tooLarge` builds the error thrown then, given the size the response declared if that told.
 */
export async function readAtMost(response: Response, maxBytes: number, tooLarge: (declared?: number) => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const read = await reader.read();
    if (read.done) break;
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return data;
}

/** A `Retry-After` header in milliseconds: seconds or an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  if (header !== null && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = header === null ? Number.NaN : Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}
