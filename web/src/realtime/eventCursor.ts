/**
 * Id of the last event this browser has seen. Kept in memory and in
 * localStorage so a reload or reconnect asks the server only for what it missed.
 */
const STORAGE_KEY = 'bd.lastEventId';

let current: number | null = readStored();

function readStored(): number | null {
  try {
    const value = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export const eventCursor = {
  get: (): number | null => current,
  set(id: number): void {
    current = id;
    try {
      localStorage.setItem(STORAGE_KEY, String(id));
    } catch {
      // memory copy is enough for this tab
    }
  },
};
