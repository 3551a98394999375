/** UI languages of the workspace. Labels are endonyms, so they are never translated. */
export const UI_LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'ru', label: 'Русский', dir: 'ltr' },
  { code: 'id', label: 'Bahasa Indonesia', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

export const DEFAULT_LANGUAGE: UiLanguage = 'en';
export const LANGUAGE_STORAGE_KEY = 'bd.lang';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return UI_LANGUAGES.some((lang) => lang.code === value);
}

export function directionOf(language: string): TextDirection {
  return UI_LANGUAGES.find((lang) => lang.code === language)?.dir ?? 'ltr';
}

export function storedLanguage(): UiLanguage | null {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isUiLanguage(value) ? value : null;
  } catch {
    return null; // storage can be disabled (privacy mode); fall back silently
  }
}

export function storeLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // ignore: the choice simply won't survive a reload
  }
}

/** Stored choice, else the browser's preferred language if we support it, else English. */
export function initialLanguage(): UiLanguage {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = navigator.language.split('-')[0];
  return isUiLanguage(browser) ? browser : DEFAULT_LANGUAGE;
}

/** Keeps <html lang dir> in sync so native controls, fonts and screen readers follow the UI language. */
export function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}
