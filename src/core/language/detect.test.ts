import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect.js';

describe('detectLanguage', () => {
  it.each([
    ['Как пополнить торговый счёт банковской картой?', 'ru'],
    ['How do I withdraw money to my bank card?', 'en'],
    ['Bagaimana cara menarik dana ke rekening bank saya?', 'id'],
    ['كيف يمكنني سحب الأموال إلى بطاقتي المصرفية؟', 'ar'],
  ])('names the language of %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('decides a short text by a script only one desk language uses', () => {
    expect(detectLanguage('вы робот?')).toBe('ru');
    expect(detectLanguage('مرحبا')).toBe('ar');
  });

  it('says nothing for text too short or empty', () => {
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('   ')).toBeNull();
  });

  it('keeps to the candidates it is given', () => {
    expect(detectLanguage('Как пополнить торговый счёт?', { only: ['en', 'id'] })).not.toBe('ru');
    expect(detectLanguage('вы робот?', { only: ['en', 'id'] })).toBeNull();
  });
});
