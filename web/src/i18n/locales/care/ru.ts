import type { Dictionary } from '../en';

export const careRu: Dictionary['care'] = {
  sentiment: {
    negative: 'Негатив',
    very_negative: 'Сильный негатив',
    label: 'Настроение клиента: {{flag}} (оценка {{score}})',
  },
};
