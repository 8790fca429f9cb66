import { useEffect, useState } from 'react';
import { errorText } from './api';

/** Loads data for the given keys; a newer load supersedes an older one still in flight. */
export function useLoad<T>(
  load: () => Promise<T>,
  keys: unknown[],
): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: null, error: errorText(e), loading: false }),
    );
    return () => {
      live = false;
    };
    // The caller names the keys the load depends on.
  }, [...keys, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}
