import type { DomainEvent } from './messages';

type Listener = (event: DomainEvent) => void;

const listeners = new Set<Listener>();

/**
 * Domain events for screens that need the event itself, not only "refetch": the inbound call's screen
 * pop reads its match candidates from `call.inbound_ringing`. RealtimeProvider publishes every event
 * (replays after a reconnect included: a listener checks that what it shows is still current).
 */
export const eventBus = {
  publish(event: DomainEvent): void {
    for (const listener of listeners) listener(event);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
