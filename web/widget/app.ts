import { mountChat, type ChatOptions } from './chat';

/**
 * The widget's app, fetched by the loader (widget.js) only when the visitor opens the chat. It hangs
 * one function on window for the loader to call; nothing else leaks into the broker's page.
 */
declare global {
  interface Window {
    BrokerDeskWidget?: { mount(host: HTMLElement, opts: ChatOptions): ReturnType<typeof mountChat> };
  }
}
window.BrokerDeskWidget = { mount: mountChat };
