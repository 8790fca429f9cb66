/** A file sent to the server in parts under the request-body limit (kernel.exchange.upload.*), SHA-256 checked. */
import { client } from './api';

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function uploadInParts(
  file: File,
  onPercent: (p: number) => void,
): Promise<{ uploadId: string; format: 'csv' | 'xlsx'; bytes: Uint8Array }> {
  const format = /\.xlsx$/i.test(file.name) ? ('xlsx' as const) : ('csv' as const);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const begun = await client.kernel.exchange.upload.begin.mutate({ filename: file.name, format, bytes: bytes.length });
  // base64 grows by 4/3: keep each part's encoded size within the server's part size.
  const partBytes = Math.max(1024, Math.floor((begun.partBytes * 3) / 4 / 3) * 3);
  for (let seq = 0, at = 0; at < bytes.length; seq++, at += partBytes) {
    await client.kernel.exchange.upload.part.mutate({
      uploadId: begun.uploadId,
      seq,
      dataBase64: toBase64(bytes.subarray(at, at + partBytes)),
    });
    onPercent(Math.min(100, Math.round(((at + partBytes) / bytes.length) * 100)));
  }
  await client.kernel.exchange.upload.finish.mutate({
    uploadId: begun.uploadId,
    sha256: hex(await crypto.subtle.digest('SHA-256', bytes)),
  });
  return { uploadId: begun.uploadId, format, bytes };
}
