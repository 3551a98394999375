import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { applyDocumentLanguage, initialLanguage } from './languages';
import { ar } from './locales/ar';
import { en } from './locales/en';
import { id } from './locales/id';
import { ru } from './locales/ru';

const language = initialLanguage();
// Set before the first render so Mantine's DirectionProvider picks up the right direction.
applyDocumentLanguage(language);

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    ru: { translation: ru },
    id: { translation: id },
    ar: { translation: ar },
  },
  lng: language,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React already escapes
  returnNull: false,
});

// Only the document attributes follow every change; `bd.lang` is written when the
// user explicitly picks a language (see useChangeLanguage), so we can tell an
// explicit choice from a guess based on the browser.
i18n.on('languageChanged', applyDocumentLanguage);

export default i18n;
