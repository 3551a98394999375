import type {
  ComplaintCategory,
  ComplaintOutcome,
  Jurisdiction,
  LetterLanguage,
} from '../../shared/complaints.js';
import { LETTER_LANGUAGES } from '../../shared/complaints.js';
import { minorDigits } from '../../shared/payments.js';

/**
 * The words of the acknowledgement mail and the final response letter, in the client's language
 * (en, ru, id, ar; anything else gets English). Placeholders: {name}, {ref}, {date}, {url}, {body}.
 */
interface Words {
  ackSubject: string;
  ackLines: string[];
  finalSubject: string;
  finalLines: string[];
  letterTitle: string;
  greeting: string;
  labels: {
    reference: string;
    received: string;
    category: string;
    account: string;
    outcome: string;
    redress: string;
  };
  decision: string;
  referral: string;
  closing: string;
  outcomes: Record<ComplaintOutcome, string>;
  categories: Record<ComplaintCategory, string>;
  none: string;
}

const OMBUDSMAN: Record<Jurisdiction, string> = {
  fca: 'Financial Ombudsman Service (www.financial-ombudsman.org.uk)',
  cysec: 'Financial Ombudsman of the Republic of Cyprus (www.financialombudsman.gov.cy)',
  asic: 'Australian Financial Complaints Authority (www.afca.org.au)',
};

const WORDS: Record<LetterLanguage, Words> = {
  en: {
    ackSubject: 'We have received your complaint {ref}',
    ackLines: [
      'Hello {name},',
      '',
      'Thank you for telling us. We have registered your complaint under the reference {ref}.',
      'We will investigate it and send you our final response by {date} at the latest.',
      'You can follow it in your cabinet: {url}',
    ],
    finalSubject: 'Our final response to your complaint {ref}',
    finalLines: [
      'Hello {name},',
      '',
      'Our final response to your complaint {ref} is below.',
      '',
      '{body}',
      '',
      'The letter is attached (PDF) and kept in your cabinet: {url}',
    ],
    letterTitle: 'Final response to your complaint',
    greeting: 'Dear {name},',
    labels: {
      reference: 'Reference',
      received: 'Received',
      category: 'Category',
      account: 'Account',
      outcome: 'Outcome',
      redress: 'Redress',
    },
    decision: 'Our findings and decision',
    referral:
      'If you are not satisfied with our final response, you may refer your complaint within six months to the {ombudsman}.',
    closing: 'Yours sincerely,',
    outcomes: { upheld: 'Upheld', partially_upheld: 'Partially upheld', rejected: 'Not upheld' },
    categories: {
      execution: 'Order execution',
      deposit: 'Deposit',
      withdrawal: 'Withdrawal',
      account: 'Account',
      platform: 'Trading platform',
      fees: 'Fees and charges',
      bonus: 'Bonus',
      service: 'Service',
      other: 'Other',
    },
    none: 'None',
  },
  ru: {
    ackSubject: 'Мы получили вашу жалобу {ref}',
    ackLines: [
      'Здравствуйте, {name}!',
      '',
      'Спасибо, что сообщили нам. Ваша жалоба зарегистрирована под номером {ref}.',
      'Мы рассмотрим её и направим вам окончательный ответ не позднее {date}.',
      'Следить за ней можно в личном кабинете: {url}',
    ],
    finalSubject: 'Окончательный ответ на вашу жалобу {ref}',
    finalLines: [
      'Здравствуйте, {name}!',
      '',
      'Наш окончательный ответ на вашу жалобу {ref} — ниже.',
      '',
      '{body}',
      '',
      'Письмо приложено (PDF) и хранится в вашем личном кабинете: {url}',
    ],
    letterTitle: 'Окончательный ответ на вашу жалобу',
    greeting: 'Уважаемый(ая) {name}!',
    labels: {
      reference: 'Номер',
      received: 'Получена',
      category: 'Категория',
      account: 'Счёт',
      outcome: 'Решение',
      redress: 'Компенсация',
    },
    decision: 'Результаты рассмотрения и решение',
    referral:
      'Если вас не устраивает наш окончательный ответ, в течение шести месяцев вы можете обратиться в {ombudsman}.',
    closing: 'С уважением,',
    outcomes: {
      upheld: 'Жалоба удовлетворена',
      partially_upheld: 'Жалоба удовлетворена частично',
      rejected: 'В удовлетворении жалобы отказано',
    },
    categories: {
      execution: 'Исполнение ордеров',
      deposit: 'Пополнение',
      withdrawal: 'Вывод средств',
      account: 'Счёт',
      platform: 'Торговая платформа',
      fees: 'Комиссии',
      bonus: 'Бонус',
      service: 'Обслуживание',
      other: 'Другое',
    },
    none: 'Нет',
  },
  id: {
    ackSubject: 'Kami telah menerima keluhan Anda {ref}',
    ackLines: [
      'Halo {name},',
      '',
      'Terima kasih telah memberi tahu kami. Keluhan Anda telah dicatat dengan nomor referensi {ref}.',
      'Kami akan menyelidikinya dan mengirimkan tanggapan akhir paling lambat {date}.',
      'Anda dapat memantaunya di kabinet Anda: {url}',
    ],
    finalSubject: 'Tanggapan akhir atas keluhan Anda {ref}',
    finalLines: [
      'Halo {name},',
      '',
      'Tanggapan akhir kami atas keluhan Anda {ref} ada di bawah ini.',
      '',
      '{body}',
      '',
      'Surat resmi terlampir (PDF) dan tersimpan di kabinet Anda: {url}',
    ],
    letterTitle: 'Tanggapan akhir atas keluhan Anda',
    greeting: 'Yth. {name},',
    labels: {
      reference: 'Referensi',
      received: 'Diterima',
      category: 'Kategori',
      account: 'Akun',
      outcome: 'Hasil',
      redress: 'Ganti rugi',
    },
    decision: 'Temuan dan keputusan kami',
    referral:
      'Jika Anda tidak puas dengan tanggapan akhir kami, Anda dapat mengajukan keluhan dalam enam bulan kepada {ombudsman}.',
    closing: 'Hormat kami,',
    outcomes: { upheld: 'Diterima', partially_upheld: 'Diterima sebagian', rejected: 'Ditolak' },
    categories: {
      execution: 'Eksekusi order',
      deposit: 'Deposit',
      withdrawal: 'Penarikan',
      account: 'Akun',
      platform: 'Platform trading',
      fees: 'Biaya',
      bonus: 'Bonus',
      service: 'Layanan',
      other: 'Lainnya',
    },
    none: 'Tidak ada',
  },
  ar: {
    ackSubject: 'تلقينا شكواك {ref}',
    ackLines: [
      'مرحبًا {name}،',
      '',
      'شكرًا لإبلاغنا. سجّلنا شكواك برقم المرجع {ref}.',
      'سنحقق فيها ونرسل إليك ردنا النهائي في موعد أقصاه {date}.',
      'يمكنك متابعتها في حسابك الشخصي: {url}',
    ],
    finalSubject: 'ردنا النهائي على شكواك {ref}',
    finalLines: [
      'مرحبًا {name}،',
      '',
      'ردنا النهائي على شكواك {ref} أدناه.',
      '',
      '{body}',
      '',
      'الخطاب مرفق (PDF) ومحفوظ في حسابك الشخصي: {url}',
    ],
    letterTitle: 'الرد النهائي على شكواك',
    greeting: 'السيد/السيدة {name} المحترم/ة،',
    labels: {
      reference: 'المرجع',
      received: 'تاريخ الاستلام',
      category: 'الفئة',
      account: 'الحساب',
      outcome: 'النتيجة',
      redress: 'التعويض',
    },
    decision: 'نتائج التحقيق وقرارنا',
    referral: 'إذا لم تكن راضيًا عن ردنا النهائي، يمكنك إحالة شكواك خلال ستة أشهر إلى {ombudsman}.',
    closing: 'مع خالص التحية،',
    outcomes: { upheld: 'مقبولة', partially_upheld: 'مقبولة جزئيًا', rejected: 'مرفوضة' },
    categories: {
      execution: 'تنفيذ الأوامر',
      deposit: 'الإيداع',
      withdrawal: 'السحب',
      account: 'الحساب',
      platform: 'منصة التداول',
      fees: 'الرسوم',
      bonus: 'المكافأة',
      service: 'الخدمة',
      other: 'أخرى',
    },
    none: 'لا يوجد',
  },
};

export const letterLanguage = (language: string | null | undefined): LetterLanguage =>
  (LETTER_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as LetterLanguage) : 'en';

export const wordsFor = (language: string): Words => WORDS[letterLanguage(language)];

export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

export const ombudsman = (j: Jurisdiction) => OMBUDSMAN[j];

/** A local date in the client's language ("7 December 2026", "7 декабря 2026 г."). */
export const longDate = (at: Date, language: string, timeZone: string) =>
  new Intl.DateTimeFormat(letterLanguage(language), { dateStyle: 'long', timeZone }).format(at);

/** Minor units as the decimal amount and code ("1,250.00 USD"), digits in Latin script. */
export const moneyText = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  const value = (minor / 10 ** digits).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${value} ${currency}`;
};
