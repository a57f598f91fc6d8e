import { useCallback, useEffect, useRef, useState } from 'react';
import { get, type Query } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (null = wait) whenever it or the query changes; stale answers are dropped. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = path === null ? null : `${path}|${JSON.stringify(query ?? {})}`;
  const queryRef = useRef(query);
  queryRef.current = query;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures path and query; tick forces a reload
  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    get<T>(path, queryRef.current, ctrl.signal)
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Mutu`;
  }, [title]);
}

/** Runs an async action, keeping its busy flag and last error for the form that started it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(async <R>(fn: () => Promise<R>): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** Every page of a list endpoint (for pickers: ~120 units fit in a few pages). */
export function useAll<T>(path: string | null, query?: Query): Loaded<T[]> {
  const [data, setData] = useState<T[]>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const key = path === null ? null : `${path}|${JSON.stringify(query ?? {})}`;
  const queryRef = useRef(query);
  queryRef.current = query;
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures path and query
  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    const pageSize = 100;
    (async () => {
      const all: T[] = [];
      for (let page = 1; page < 100; page++) {
        const res = await get<{ items: T[]; total: number }>(path, { ...queryRef.current, page, pageSize }, ctrl.signal);
        all.push(...res.items);
        if (res.items.length < pageSize || all.length >= res.total) break;
      }
      return all;
    })()
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [key, tick]);
  return { data, error, loading, reload: () => setTick((n) => n + 1) };
}
