import { describe, expect, it } from 'vitest';
import { SENTIMENT_LANGUAGES, scoreSentiment } from './sentiment.js';

describe('scoreSentiment', () => {
  const cases: Record<string, { positive: string; neutral: string; negative: string; veryNegative: string }> =
    {
      en: {
        positive: 'Thank you, that was very helpful!',
        neutral: 'My withdrawal is still pending, when will it arrive?',
        negative: 'The spread was bad today.',
        veryNegative: 'You are SCAMMERS, give me back my money or I will call my lawyer!!!',
      },
      ru: {
        positive: 'Спасибо, всё отлично!',
        neutral: 'Когда придёт мой вывод?',
        negative: 'Плохо работает терминал.',
        veryNegative: 'Вы мошенники! Верните мои деньги, это обман!!!',
      },
      id: {
        positive: 'Terima kasih, sangat membantu!',
        neutral: 'Kapan penarikan saya diproses?',
        negative: 'Aplikasinya lambat hari ini.',
        veryNegative: 'Kalian penipu! Kembalikan uang saya!!!',
      },
      ar: {
        positive: 'شكرا جزيلا، الخدمة ممتازة',
        neutral: 'متى سيتم تنفيذ طلب السحب؟',
        negative: 'التطبيق بطيء اليوم',
        veryNegative: 'أنتم نصابين! أعيدوا أموالي فورا!!!',
      },
    };

  for (const language of SENTIMENT_LANGUAGES) {
    const c = cases[language]!;
    it(`${language}: orders positive > neutral > negative > very negative and flags them`, () => {
      const p = scoreSentiment(c.positive, language);
      const n = scoreSentiment(c.neutral, language);
      const neg = scoreSentiment(c.negative, language);
      const vn = scoreSentiment(c.veryNegative, language);
      expect(p.language).toBe(language);
      expect(p.score).toBeGreaterThan(0);
      expect(p.flag).toBeNull();
      expect(n.score).toBe(0);
      expect(n.flag).toBeNull();
      expect(neg.flag).toBe('negative');
      expect(vn.flag).toBe('very_negative');
      expect(vn.score).toBeLessThan(neg.score);
      expect(vn.score).toBeGreaterThanOrEqual(-1);
    });
  }

  it('negation flips a word ("not good" is negative, "not bad" is not)', () => {
    expect(scoreSentiment('This is not good', 'en').score).toBeLessThan(0);
    expect(scoreSentiment('This is not bad', 'en').score).toBeGreaterThan(0);
    expect(scoreSentiment('Это не хорошо', 'ru').score).toBeLessThan(0);
    expect(scoreSentiment('Ini tidak bagus', 'id').score).toBeLessThan(0);
  });

  it('exclamation marks and a shouted word make a negative message more negative', () => {
    const plain = scoreSentiment('this is awful', 'en').score;
    expect(scoreSentiment('this is awful!!!', 'en').score).toBeLessThan(plain);
    expect(scoreSentiment('this is AWFUL', 'en').score).toBeLessThan(plain);
  });

  it('reads emoji in every language and falls back to English for others', () => {
    expect(scoreSentiment('😡😡', 'ru').score).toBeLessThan(0);
    expect(scoreSentiment('terrible', 'de')).toMatchObject({ language: 'en', flag: 'negative' });
    expect(scoreSentiment('', 'en')).toEqual({ score: 0, flag: null, language: 'en' });
  });
});
