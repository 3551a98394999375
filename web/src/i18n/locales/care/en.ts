/** Care quality (care): sentiment flags in the inbox, NPS surveys, proactive messages. */
export const careEn = {
  sentiment: {
    negative: 'Negative',
    very_negative: 'Very negative',
    label: 'Customer sentiment: {{flag}} (score {{score}})',
  },
};
