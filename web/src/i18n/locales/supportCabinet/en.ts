/** The cabinet's support chat page (the chat itself carries the widget's own strings). */
export const supportCabinetEn = {
  nav: 'Support',
  title: 'Support chat',
  description: 'Write to our support team; the chat knows who you are, so no form to fill in.',
  error: 'The chat could not be opened. Try again in a moment.',
  callback: {
    title: 'Request a callback',
    description: 'Leave your number and we will call you, in your language.',
    number: 'Phone number',
    numberHint: 'With the country code. Leave empty to use the number in your profile.',
    when: 'Preferred time (optional)',
    send: 'Request the call',
    done: 'Thank you! We will call you on {{number}}.',
  },
};
