import type { LedgerView } from './ledger-view.js';

const memos = new WeakMap<LedgerView, Map<string, unknown>>();

/**
 * Caches a pure computation for one ledger view, that is one evaluation round: many targets
 * share the same introducers and the same user, so rules ask the same questions again. The key
 * must name every input (persons, instant, options); the cache goes with the view.
 */
export function memoPerView<T>(view: LedgerView, key: string, compute: () => T): T {
  let memo = memos.get(view);
  if (!memo) {
    memo = new Map();
    memos.set(view, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}
