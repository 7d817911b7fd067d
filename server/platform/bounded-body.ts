/**
 * Reads a third party's reply body up to a limit: a hostile or broken service may declare a huge body or
 * stream without end, and neither may hold the process's memory.
 */
export type BoundedBody = { ok: true; body: Buffer<ArrayBuffer> } | { ok: false; detail: string };

export async function readBounded(res: Response, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await res.body?.cancel();
    return { ok: false, detail: `reply of ${declared} bytes is over ${maxBytes}` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, detail: `reply over ${maxBytes} bytes` };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
