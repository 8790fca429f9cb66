/**
 * The typed tRPC client of the portal: types from the server's AppRouter (type-only import, nothing of the server is
 * bundled). Anonymous by default; after an officer logs in (objections), the session cookie goes with each call and
 * the CSRF cookie's value is echoed in X-CSRF-Token on mutations.
 */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@chengxin/client';

const csrf = () => /(?:^|;\s*)cx_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';

export const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc', headers: () => (csrf() ? { 'X-CSRF-Token': decodeURIComponent(csrf()) } : {}) })],
});

export type Api = typeof api;
type Outputs<T> = T extends { query: (...args: never[]) => Promise<infer O> } ? O : never;
export type SearchResult = Outputs<Api['kernel']['public']['search']>;
export type BodyPage = Outputs<Api['kernel']['public']['body']>;
export type PublicRecord = BodyPage['records'][number];
export type Report = Outputs<Api['kernel']['public']['report']>;
export type VerifyResult = Outputs<Api['kernel']['public']['verifyReport']>;
export type Board = Outputs<Api['townships']['public']['board']>;
export type Candidates = Outputs<Api['townships']['public']['candidates']>;

/** The Chinese message of an API error (the server sends zh and en), else a generic one. */
export function errorText(e: unknown): string {
  if (e instanceof TRPCClientError) {
    const data = e.data as { messageZh?: string } | undefined;
    return data?.messageZh ?? e.message;
  }
  return e instanceof Error ? e.message : '请求失败，请稍后重试';
}

/** Saves a file the server returned (PDF as base64, HTML as text) under its document number. */
export function download(file: {
  filename: string;
  contentType: string;
  content: string;
  encoding: 'utf8' | 'base64';
}): void {
  const bytes =
    file.encoding === 'base64'
      ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(file.content);
  saveBlob(new Blob([bytes], { type: file.contentType }), file.filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
export type PublishedEvaluation = NonNullable<Outputs<Api['kernel']['evaluation']['published']>>;
