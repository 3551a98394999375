/** The FAQ bot: its settings tab and its messages in the inbox (support/bot). */
export const botEn = {
  tab: 'Bot',
  settings: {
    hint: 'The FAQ bot answers new chats in the widget and the cabinet from the published help-centre articles, says it is a bot, and hands over to a person when asked, when unsure, after two answers that did not help, or when the visitor sounds upset.',
    enabled: 'The bot answers new chats first',
    enabledHint: 'Off: new chats go straight to agents.',
    threshold: 'Confidence threshold',
    thresholdHint:
      'The bot answers with an article only above this confidence; below, it hands over to a person.',
    thresholdRange: 'A whole number from 0 to 100',
    saved: 'Bot settings saved',
  },
  message: {
    badge: 'Bot',
    article: 'Article: {{title}}',
  },
};
