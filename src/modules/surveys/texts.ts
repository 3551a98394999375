// What traders read: the NPS mail and answer page, the default proactive templates, in the desk's languages.
export const CARE_LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;
export type CareLanguage = (typeof CARE_LANGUAGES)[number];
export const careLanguage = (l: string | null | undefined): CareLanguage =>
  (CARE_LANGUAGES as readonly string[]).includes(l ?? '') ? (l as CareLanguage) : 'en';

const NPS: Record<
  CareLanguage,
  {
    question: string;
    subject: string;
    intro: string;
    low: string;
    high: string;
    comment: string;
    send: string;
    thanks: string;
    invalid: string;
    closed: string;
  }
> = {
  en: {
    question: 'How likely are you to recommend us to a friend or colleague?',
    subject: 'A quick question: would you recommend us?',
    intro: 'Hello {{name}}, one question, 0 to 10 — it takes a few seconds:',
    low: 'Not at all likely',
    high: 'Extremely likely',
    comment: 'What is the main reason for your score? (optional)',
    send: 'Send',
    thanks: 'Thank you for your answer',
    invalid: 'This link is no longer valid',
    closed: 'This survey is closed — thank you all the same',
  },
  ru: {
    question: 'Насколько вероятно, что вы порекомендуете нас другу или коллеге?',
    subject: 'Один вопрос: порекомендуете ли вы нас?',
    intro: 'Здравствуйте, {{name}}! Один вопрос, от 0 до 10 — это займёт несколько секунд:',
    low: 'Точно нет',
    high: 'Обязательно',
    comment: 'Главная причина вашей оценки? (необязательно)',
    send: 'Отправить',
    thanks: 'Спасибо за ответ',
    invalid: 'Эта ссылка больше не действует',
    closed: 'Опрос завершён — всё равно спасибо',
  },
  id: {
    question: 'Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?',
    subject: 'Satu pertanyaan singkat: apakah Anda akan merekomendasikan kami?',
    intro: 'Halo {{name}}, satu pertanyaan, 0 sampai 10 — hanya beberapa detik:',
    low: 'Sama sekali tidak',
    high: 'Sangat mungkin',
    comment: 'Apa alasan utama skor Anda? (opsional)',
    send: 'Kirim',
    thanks: 'Terima kasih atas jawaban Anda',
    invalid: 'Tautan ini sudah tidak berlaku',
    closed: 'Survei ini sudah ditutup — terima kasih',
  },
  ar: {
    question: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
    subject: 'سؤال سريع: هل توصي بنا؟',
    intro: 'مرحبا {{name}}، سؤال واحد من 0 إلى 10 — يستغرق بضع ثوان:',
    low: 'غير محتمل إطلاقا',
    high: 'محتمل جدا',
    comment: 'ما السبب الرئيسي لتقييمك؟ (اختياري)',
    send: 'إرسال',
    thanks: 'شكرا على إجابتك',
    invalid: 'هذا الرابط لم يعد صالحا',
    closed: 'تم إغلاق هذا الاستطلاع — شكرا لك على أي حال',
  },
};

export const npsTexts = (language: string | null | undefined) => NPS[careLanguage(language)];

export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

export function npsMail(language: string | null, link: string, name: string) {
  const t = npsTexts(language);
  return {
    subject: t.subject,
    text: `${fill(t.intro, { name })}\n\n${t.question}\n\n${link}\n`,
  };
}

/** A template: subject and body with {{name}}, {{number}}, {{rule}}, {{login}} placeholders. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

export const DEFAULT_FOLLOW_UP: Record<CareLanguage, MessageTemplate> = {
  en: {
    subject: 'Is everything all right after request #{{number}}?',
    body: 'Hello {{name}},\n\nwe resolved your request #{{number}} recently. Is everything working as it should? Just reply to this email if anything is still open.\n\nYour support team',
  },
  ru: {
    subject: 'Всё ли в порядке после обращения #{{number}}?',
    body: 'Здравствуйте, {{name}}!\n\nНедавно мы решили ваше обращение #{{number}}. Всё ли работает как надо? Если что-то осталось, просто ответьте на это письмо.\n\nВаша служба поддержки',
  },
  id: {
    subject: 'Apakah semuanya baik setelah permintaan #{{number}}?',
    body: 'Halo {{name}},\n\nkami baru saja menyelesaikan permintaan Anda #{{number}}. Apakah semuanya berjalan dengan baik? Balas email ini jika masih ada yang belum selesai.\n\nTim dukungan Anda',
  },
  ar: {
    subject: 'هل كل شيء على ما يرام بعد الطلب #{{number}}؟',
    body: 'مرحبا {{name}}،\n\nلقد قمنا مؤخرا بحل طلبك رقم #{{number}}. هل يعمل كل شيء كما ينبغي؟ يكفي الرد على هذه الرسالة إذا بقي شيء مفتوحا.\n\nفريق الدعم',
  },
};

export const DEFAULT_ALERT: Record<CareLanguage, MessageTemplate> = {
  en: {
    subject: 'About your account {{login}}',
    body: 'Hello {{name}},\n\nwe noticed "{{rule}}" on your trading account {{login}}. Your manager can help you review your positions and margin — reply to this email or write to us in the cabinet.\n\nYour broker',
  },
  ru: {
    subject: 'О вашем счёте {{login}}',
    body: 'Здравствуйте, {{name}}!\n\nПо вашему торговому счёту {{login}} сработало уведомление «{{rule}}». Ваш менеджер поможет разобраться с позициями и маржой — ответьте на это письмо или напишите нам в кабинете.\n\nВаш брокер',
  },
  id: {
    subject: 'Tentang akun Anda {{login}}',
    body: 'Halo {{name}},\n\nkami melihat "{{rule}}" pada akun trading Anda {{login}}. Manajer Anda dapat membantu meninjau posisi dan margin — balas email ini atau tulis kepada kami di kabinet.\n\nBroker Anda',
  },
  ar: {
    subject: 'بخصوص حسابك {{login}}',
    body: 'مرحبا {{name}}،\n\nلاحظنا "{{rule}}" في حساب التداول {{login}}. يمكن لمديرك مساعدتك في مراجعة مراكزك والهامش — رد على هذه الرسالة أو اكتب لنا في البوابة.\n\nوسيطك',
  },
};
