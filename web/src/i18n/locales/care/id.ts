import type { Dictionary } from '../en';

export const careId: Dictionary['care'] = {
  sentiment: {
    negative: 'Negatif',
    very_negative: 'Sangat negatif',
    label: 'Sentimen pelanggan: {{flag}} (skor {{score}})',
  },
};
