/**
 * The demo knowledge base: categories and articles in the desk's four languages, inserted through
 * the knowledge service by the demo seed and answered from by the FAQ bot (its benchmark questions,
 * bench/data/bot-questions-*.ts, are written against these articles). Data only.
 */
import { ACCOUNT_ARTICLES } from './demo-knowledge-articles-account.js';
import { FUNDING_ARTICLES } from './demo-knowledge-articles-funding.js';
import { TRADING_ARTICLES } from './demo-knowledge-articles-trading.js';

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
  {
    slug: 'deposits',
    names: {
      en: 'Deposits and withdrawals',
      ru: 'Пополнение и вывод',
      id: 'Deposit dan penarikan',
      ar: 'الإيداع والسحب',
    },
  },
  {
    slug: 'account',
    names: { en: 'Your account', ru: 'Ваш счёт', id: 'Akun Anda', ar: 'حسابك' },
  },
  {
    slug: 'access',
    names: { en: 'Signing in', ru: 'Вход и пароли', id: 'Masuk dan kata sandi', ar: 'تسجيل الدخول' },
  },
  { slug: 'trading', names: { en: 'Trading', ru: 'Торговля', id: 'Trading', ar: 'التداول' } },
];

/**
 * 15 public articles (deposits, withdrawals, fees, bonus, verification, account types, demo, platform
 * login, password reset, contact and hours, leverage, spreads, swap, margin call, market hours) and one
 * internal one, each in en, ru, id and ar; keywords carry the other ways people ask.
 */
export const DEMO_KB_ARTICLES: DemoKbArticle[] = [
  ...FUNDING_ARTICLES,
  ...ACCOUNT_ARTICLES,
  ...TRADING_ARTICLES,
];
