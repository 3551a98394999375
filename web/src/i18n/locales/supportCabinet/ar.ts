import type { supportCabinetEn } from './en';

export const supportCabinetAr: typeof supportCabinetEn = {
  nav: 'الدعم',
  title: 'الدردشة مع الدعم',
  description: 'اكتب إلى فريق الدعم لدينا؛ الدردشة تعرف من أنت، فلا حاجة لملء أي نموذج.',
  error: 'تعذّر فتح الدردشة. حاول مرة أخرى بعد قليل.',
  callback: {
    title: 'اطلب معاودة الاتصال',
    description: 'اترك رقمك وسنتصل بك بلغتك.',
    number: 'رقم الهاتف',
    numberHint: 'مع رمز الدولة. اتركه فارغًا لاستخدام الرقم في ملفك الشخصي.',
    when: 'الوقت المفضل (اختياري)',
    send: 'اطلب المكالمة',
    done: 'شكرًا لك! سنتصل بك على {{number}}.',
  },
};
