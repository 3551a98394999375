import { mountCallback } from './callback';
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
window.BrokerDeskWidget = {
  mount(host, opts) {
    const chat = mountChat(host, opts);
    // The chat's panel, just appended to the host: the callback form lives beside the chat's views.
    const panel = host.querySelector<HTMLElement>('.bdw-panel');
    if (panel) mountCallback(panel, opts.base);
    return chat;
  },
};
