/**
 * The demo knowledge base: categories and articles in the desk's four languages, inserted through
 * the knowledge service by the demo seed and answered from by the FAQ bot (its benchmark questions,
 * bench/data/bot-questions-*.ts, are written against these articles). Data only.
 */
export type DemoLanguage = 'en' | 'ru' | 'id' | 'ar';

export interface DemoKbCategory {
  slug: string;
  names: Record<DemoLanguage, string>;
}

export interface DemoKbTranslation {
  title: string;
  /** Simple HTML (paragraphs, lists, links); sanitized on save like any article. */
  body: string;
  /** Alternative phrasings of the question, searched with the title's weight. */
  keywords?: string;
}

export interface DemoKbArticle {
  category: string;
  slug: string;
  /** Agents only: never in the help centre, the widget or the bot. */
  internal?: boolean;
  translations: Record<DemoLanguage, DemoKbTranslation>;
}

export const DEMO_KB_CATEGORIES: DemoKbCategory[] = [
  { slug: 'deposits', names: { en: 'Deposits', ru: 'Пополнение', id: 'Deposit', ar: 'الإيداع' } },
];

export const DEMO_KB_ARTICLES: DemoKbArticle[] = [
  {
    category: 'deposits',
    slug: 'how-to-deposit',
    translations: {
      en: {
        title: 'How do I deposit money?',
        body: '<p>Open the cabinet, choose <b>Deposit</b>, pick a payment system and enter the amount. Card deposits are credited within minutes.</p>',
        keywords: 'top up account, fund account, add money, payment methods',
      },
      ru: {
        title: 'Как пополнить счёт?',
        body: '<p>Откройте личный кабинет, выберите <b>Пополнение</b>, платёжную систему и сумму. Пополнение картой зачисляется за несколько минут.</p>',
        keywords: 'внести деньги, пополнение счета, способы оплаты',
      },
      id: {
        title: 'Bagaimana cara melakukan deposit?',
        body: '<p>Buka kabinet, pilih <b>Deposit</b>, pilih sistem pembayaran dan masukkan jumlahnya. Deposit kartu dikreditkan dalam beberapa menit.</p>',
        keywords: 'isi saldo, tambah dana, metode pembayaran',
      },
      ar: {
        title: 'كيف أقوم بإيداع الأموال؟',
        body: '<p>افتح الحساب الشخصي، واختر <b>الإيداع</b>، ثم نظام الدفع وأدخل المبلغ. تُضاف إيداعات البطاقة خلال دقائق.</p>',
        keywords: 'شحن الحساب، تمويل الحساب، طرق الدفع',
      },
    },
  },
];
