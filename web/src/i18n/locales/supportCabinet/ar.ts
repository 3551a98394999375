import type { supportCabinetEn } from './en';

export const supportCabinetAr: typeof supportCabinetEn = {
  nav: 'الدعم',
  title: 'الدردشة مع الدعم',
  description: 'اكتب إلى فريق الدعم لدينا؛ الدردشة تعرف من أنت، فلا حاجة لملء أي نموذج.',
  error: 'تعذّر فتح الدردشة. حاول مرة أخرى بعد قليل.',
};
