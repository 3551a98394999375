import type { Dictionary } from '../en';

export const careAr: Dictionary['care'] = {
  sentiment: {
    negative: 'سلبي',
    very_negative: 'سلبي جدا',
    label: 'مشاعر العميل: {{flag}} (الدرجة {{score}})',
  },
};
