import { useEffect, useRef, useState } from 'react';
import { ApiError, withQuery } from './api.ts';

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  /** When the last answer (200 or 304) arrived. */
  checkedAt: Date | null;
  /** True while the tab is hidden and polling is paused. */
  paused: boolean;
  refresh(): void;
}

/**
 * GETs `path` now and every `intervalMs` with If-None-Match, so an unchanged answer costs a 304
 * and no re-render. Polling pauses while the tab is hidden and catches up at once when it shows.
 */
export function usePoll<T>(path: string | null, intervalMs = 10_000, query?: Record<string, string | undefined>): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const [paused, setPaused] = useState(typeof document !== 'undefined' && document.hidden);
  const [tick, setTick] = useState(0);
  const etag = useRef<string | null>(null);
  const url = path === null ? null : withQuery(`/api/v1${path}`, query);

  // A new address starts from scratch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on address change only
  useEffect(() => {
    etag.current = null;
    setData(undefined);
    setError(undefined);
  }, [url]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces an immediate poll
  useEffect(() => {
    if (url === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ctrl: AbortController | undefined;
    let stopped = false;

    const poll = async () => {
      if (stopped) return;
      if (document.hidden) {
        setPaused(true);
        return;
      }
      setPaused(false);
      ctrl = new AbortController();
      try {
        const headers: Record<string, string> = {
          accept: 'application/json',
          'accept-language': document.documentElement.lang || 'id',
        };
        if (etag.current) headers['if-none-match'] = etag.current;
        // no-store: the browser cache must not answer for the server, we keep the ETag ourselves.
        const res = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store', signal: ctrl.signal });
        if (res.status !== 304) {
          const json = await res.json().catch(() => null);
          if (!res.ok) {
            const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
            throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`);
          }
          etag.current = res.headers.get('etag');
          setData(json as T);
        }
        setError(undefined);
        setCheckedAt(new Date());
      } catch (e) {
        if (ctrl.signal.aborted) return;
        setError(e);
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };

    const onVisibility = () => {
      if (document.hidden) {
        setPaused(true);
        return;
      }
      clearTimeout(timer);
      ctrl?.abort();
      void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      ctrl?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [url, intervalMs, tick]);

  return { data, error, checkedAt, paused, refresh: () => setTick((n) => n + 1) };
}
