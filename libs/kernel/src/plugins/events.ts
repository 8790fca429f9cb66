import type { Tx } from '@chengxin/db';
import type { KernelEvent } from './definition';

type Listener = (tx: Tx, event: KernelEvent) => Promise<void>;
const listeners = new Map<string, Listener>();

/**
 * Plugins react to moves of their own records inside the transaction that made them, so the reaction commits (or
 * fails) with the move and the audit entry. A listener sees only record types prefixed with its plugin id.
 */
export function listenToKernelEvents(pluginId: string, listener: Listener): void {
  listeners.set(pluginId, listener);
}

export async function emitKernelEvents(tx: Tx, events: readonly KernelEvent[]): Promise<void> {
  if (listeners.size === 0) return;
  for (const event of events) {
    const owner = event.typeKey.includes('.') ? event.typeKey.split('.')[0]! : null;
    const listener = owner ? listeners.get(owner) : undefined;
    if (listener) await listener(tx, event);
  }
}
