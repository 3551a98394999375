import { describe, expect, it } from 'vitest';
import { WIDGET_SOCKET_LIMITS } from '../../src/modules/support/widget/socket.js';
import { WidgetSocket, widgetSuite } from './support-widget.fixtures.js';

// Connection attempts per address: a script opening sockets by the hundred is refused before the
// upgrade (429 with Retry-After), while other addresses still connect (behind a trusted proxy).
const { suite, open } = widgetSuite({ TRUST_PROXY: 'true' });

describe('widget socket upgrades per address', () => {
  it('refuses the upgrade past the per-minute limit of one address, not of the next', async () => {
    const limit = WIDGET_SOCKET_LIMITS.connectsPerMinute;
    for (let i = 0; i < limit; i++) {
      const ws = await WidgetSocket.open(suite.server.url, { ip: '10.7.0.1' });
      await ws.close();
    }
    await expect(WidgetSocket.open(suite.server.url, { ip: '10.7.0.1' })).rejects.toMatchObject({
      status: 429,
    });
    // The same /64 is one address; another address is not affected.
    await expect(WidgetSocket.open(suite.server.url, { ip: '2001:db8:1:2::1' })).resolves.toBeDefined();
    const other = await open({ ip: '10.7.0.2' });
    other.send({ type: 'hello', token: 'vt_forged-token-000000', lastSeq: 0 });
    expect(await other.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
  });
});
