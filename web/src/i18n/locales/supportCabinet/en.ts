/** The cabinet's support chat page (the chat itself carries the widget's own strings). */
export const supportCabinetEn = {
  nav: 'Support',
  title: 'Support chat',
  description: 'Write to our support team; the chat knows who you are, so no form to fill in.',
  error: 'The chat could not be opened. Try again in a moment.',
};
