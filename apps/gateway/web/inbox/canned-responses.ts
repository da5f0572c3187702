import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import type { CannedResponse } from './types.js';

/** Canned responses, read once per page load and re-read after an administrator changes them. */
let cached: Promise<CannedResponse[]> | null = null;
const listeners = new Set<(responses: CannedResponse[]) => void>();

function load(): Promise<CannedResponse[]> {
  cached ??= api<{ items: CannedResponse[] }>('GET', '/api/canned-responses').then(
    (result) => result.items,
    () => {
      cached = null;
      return [];
    },
  );
  return cached;
}

/** Forget what was read and tell every reply box (an administrator saved or deleted one). */
export function reloadCannedResponses(): void {
  cached = null;
  void load().then((responses) => listeners.forEach((listener) => listener(responses)));
}

export function useCannedResponses(): CannedResponse[] {
  const [responses, setResponses] = useState<CannedResponse[]>([]);
  useEffect(() => {
    listeners.add(setResponses);
    void load().then(setResponses);
    return () => void listeners.delete(setResponses);
  }, []);
  return responses;
}
