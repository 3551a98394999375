/** The help centre's own words; a language an admin adds reads them in English until added here. */
export interface HelpStrings {
  helpCentre: string;
  description: string;
  skip: string;
  searchLabel: string;
  searchButton: string;
  resultsFor: string;
  noResults: string;
  topics: string;
  languages: string;
  breadcrumb: string;
  wasHelpful: string;
  yes: string;
  no: string;
  thanks: string;
  updated: string;
  notFound: string;
  notFoundText: string;
  home: string;
  empty: string;
}

const en: HelpStrings = {
  helpCentre: 'Help centre',
  description: 'Answers to traders’ questions: deposits, withdrawals, verification, trading conditions.',
  skip: 'Skip to content',
  searchLabel: 'Search the help centre',
  searchButton: 'Search',
  resultsFor: 'Results for “{q}”',
  noResults: 'Nothing found. Try other words, or ask us in the chat.',
  topics: 'Topics',
  languages: 'Languages',
  breadcrumb: 'Breadcrumb',
  wasHelpful: 'Was this article helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thank you for your feedback.',
  updated: 'Updated',
  notFound: 'Page not found',
  notFoundText: 'This page does not exist or is no longer published.',
  home: 'Help centre home',
  empty: 'No articles in this language yet.',
};

const ru: HelpStrings = {
  helpCentre: 'Центр помощи',
  description: 'Ответы на вопросы трейдеров: пополнение, вывод средств, верификация, торговые условия.',
  skip: 'Перейти к содержимому',
  searchLabel: 'Поиск по центру помощи',
  searchButton: 'Найти',
  resultsFor: 'Результаты по запросу «{q}»',
  noResults: 'Ничего не найдено. Попробуйте другие слова или спросите нас в чате.',
  topics: 'Разделы',
  languages: 'Языки',
  breadcrumb: 'Навигация',
  wasHelpful: 'Статья была полезной?',
  yes: 'Да',
  no: 'Нет',
  thanks: 'Спасибо за отзыв.',
  updated: 'Обновлено',
  notFound: 'Страница не найдена',
  notFoundText: 'Такой страницы нет или она больше не опубликована.',
  home: 'Главная центра помощи',
  empty: 'На этом языке статей пока нет.',
};

const id: HelpStrings = {
  helpCentre: 'Pusat bantuan',
  description: 'Jawaban atas pertanyaan trader: deposit, penarikan, verifikasi, kondisi trading.',
  skip: 'Langsung ke konten',
  searchLabel: 'Cari di pusat bantuan',
  searchButton: 'Cari',
  resultsFor: 'Hasil untuk “{q}”',
  noResults: 'Tidak ditemukan. Coba kata lain, atau tanyakan kepada kami di chat.',
  topics: 'Topik',
  languages: 'Bahasa',
  breadcrumb: 'Navigasi',
  wasHelpful: 'Apakah artikel ini membantu?',
  yes: 'Ya',
  no: 'Tidak',
  thanks: 'Terima kasih atas masukan Anda.',
  updated: 'Diperbarui',
  notFound: 'Halaman tidak ditemukan',
  notFoundText: 'Halaman ini tidak ada atau tidak lagi diterbitkan.',
  home: 'Beranda pusat bantuan',
  empty: 'Belum ada artikel dalam bahasa ini.',
};

const ar: HelpStrings = {
  helpCentre: 'مركز المساعدة',
  description: 'إجابات على أسئلة المتداولين: الإيداع والسحب والتحقق وشروط التداول.',
  skip: 'انتقل إلى المحتوى',
  searchLabel: 'ابحث في مركز المساعدة',
  searchButton: 'بحث',
  resultsFor: 'نتائج البحث عن «{q}»',
  noResults: 'لم يتم العثور على شيء. جرّب كلمات أخرى أو اسألنا في الدردشة.',
  topics: 'المواضيع',
  languages: 'اللغات',
  breadcrumb: 'مسار التنقل',
  wasHelpful: 'هل كانت هذه المقالة مفيدة؟',
  yes: 'نعم',
  no: 'لا',
  thanks: 'شكرًا لملاحظاتك.',
  updated: 'آخر تحديث',
  notFound: 'الصفحة غير موجودة',
  notFoundText: 'هذه الصفحة غير موجودة أو لم تعد منشورة.',
  home: 'الصفحة الرئيسية لمركز المساعدة',
  empty: 'لا توجد مقالات بهذه اللغة بعد.',
};

const STRINGS: Record<string, HelpStrings> = { en, ru, id, ar };

export const helpStrings = (language: string): HelpStrings => STRINGS[language] ?? en;
