import type { LiveMessage } from './messages';

type Listener = (message: LiveMessage) => void;

const listeners = new Set<Listener>();

/**
 * Live pushes for screens that need the message itself, not only "refetch": the support inbox
 * follows a conversation by seq and shows who is typing. RealtimeProvider publishes every live push.
 */
export const liveBus = {
  publish(message: LiveMessage): void {
    for (const listener of listeners) listener(message);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
