/** Same-origin WebSocket URL, matching the page's scheme (wss on https). */
export function socketUrl(since: number | null, location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = since === null ? '' : `?since=${since}`;
  return `${scheme}//${location.host}/api/ws${query}`;
}
