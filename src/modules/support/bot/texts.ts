/**
 * What the bot says, in the desk's four languages (another language gets English). Plain text: the
 * widget shows it with textContent. Every message says or shows that a person is one press away (the
 * widget's "Talk to a person" button sits under each bot message; the texts name it).
 */
interface BotTexts {
  intro: string;
  greeting: string;
  answer: (summary: string, title: string) => string;
  robot: string;
  clarify: string;
  handover: string;
  handoverAngry: string;
  handoverUnsure: string;
  away: (when: string, byEmail: boolean) => string;
  resolved: string;
  /** The widget's button, named here so the texts can refer to it. */
  button: string;
}

const en: BotTexts = {
  intro: "Hi! I'm the automatic assistant — a bot, not a person.",
  greeting:
    "Hi! I'm the automatic assistant — a bot, not a person. Ask me about deposits, withdrawals, verification, your account or trading, or press “Talk to a person” at any time.",
  answer: (summary, title) =>
    `From our help centre, “${title}”:\n\n${summary}\n\nDid this answer your question? If not, press “Talk to a person”.`,
  robot:
    "Yes, I am a bot — an automatic assistant, not a person. I answer from our help centre. If you'd like a person, press “Talk to a person” or just say so, and I'll pass them our whole conversation.",
  clarify:
    "Sorry that didn't help. Could you put the question another way? Or press “Talk to a person” and a person will take over.",
  handover:
    "I'm passing you to a person now. They will see our whole conversation, so you won't need to repeat anything.",
  handoverAngry:
    "I'm sorry about this. I'm passing you to a person right away; they will see our whole conversation.",
  handoverUnsure:
    "I'm not sure I have the right answer to that, so I'm passing you to a person. They will see our whole conversation.",
  away: (when, byEmail) =>
    `Our team is not at work right now; they are back ${when}. Your message is saved and a person will answer here${byEmail ? ' and by email' : ''}. They will see our whole conversation.`,
  resolved: 'Glad I could help! If you need anything else, just write here.',
  button: 'Talk to a person',
};

const ru: BotTexts = {
  intro: 'Здравствуйте! Я автоматический помощник — бот, а не человек.',
  greeting:
    'Здравствуйте! Я автоматический помощник — бот, а не человек. Спросите меня о пополнении, выводе, верификации, счёте или торговле — или в любой момент нажмите «Связаться с человеком».',
  answer: (summary, title) =>
    `Из нашего справочного центра, «${title}»:\n\n${summary}\n\nЭто ответ на ваш вопрос? Если нет, нажмите «Связаться с человеком».`,
  robot:
    'Да, я бот — автоматический помощник, а не человек. Я отвечаю по статьям справочного центра. Если хотите поговорить с человеком, нажмите «Связаться с человеком» или просто напишите об этом — я передам ему всю нашу переписку.',
  clarify:
    'Жаль, что это не помогло. Можете сформулировать вопрос иначе? Или нажмите «Связаться с человеком» — вам ответит сотрудник.',
  handover: 'Передаю вас сотруднику. Он увидит всю нашу переписку, повторять ничего не придётся.',
  handoverAngry: 'Извините за неудобства. Сразу передаю вас сотруднику — он увидит всю нашу переписку.',
  handoverUnsure:
    'Я не уверен, что знаю правильный ответ, поэтому передаю вас сотруднику. Он увидит всю нашу переписку.',
  away: (when, byEmail) =>
    `Сейчас наша команда не работает; сотрудники вернутся ${when}. Ваше сообщение сохранено, вам ответят здесь${byEmail ? ' и по email' : ''}. Сотрудник увидит всю нашу переписку.`,
  resolved: 'Рад, что смог помочь! Если понадобится что-то ещё, просто напишите здесь.',
  button: 'Связаться с человеком',
};

const id: BotTexts = {
  intro: 'Halo! Saya asisten otomatis — sebuah bot, bukan manusia.',
  greeting:
    'Halo! Saya asisten otomatis — sebuah bot, bukan manusia. Tanyakan tentang deposit, penarikan, verifikasi, akun atau trading, atau tekan “Bicara dengan petugas” kapan saja.',
  answer: (summary, title) =>
    `Dari pusat bantuan kami, “${title}”:\n\n${summary}\n\nApakah ini menjawab pertanyaan Anda? Jika tidak, tekan “Bicara dengan petugas”.`,
  robot:
    'Ya, saya bot — asisten otomatis, bukan manusia. Saya menjawab dari pusat bantuan kami. Jika Anda ingin berbicara dengan petugas, tekan “Bicara dengan petugas” atau katakan saja, dan saya teruskan seluruh percakapan kita.',
  clarify:
    'Maaf, itu belum membantu. Bisakah Anda menanyakannya dengan cara lain? Atau tekan “Bicara dengan petugas” dan petugas akan melanjutkan.',
  handover:
    'Saya teruskan Anda ke petugas sekarang. Petugas akan melihat seluruh percakapan kita, jadi Anda tidak perlu mengulang.',
  handoverAngry:
    'Mohon maaf atas ketidaknyamanannya. Saya langsung meneruskan Anda ke petugas; petugas akan melihat seluruh percakapan kita.',
  handoverUnsure:
    'Saya tidak yakin punya jawaban yang tepat, jadi saya teruskan Anda ke petugas. Petugas akan melihat seluruh percakapan kita.',
  away: (when, byEmail) =>
    `Tim kami sedang tidak bertugas; mereka kembali ${when}. Pesan Anda tersimpan dan petugas akan membalas di sini${byEmail ? ' dan lewat email' : ''}. Petugas akan melihat seluruh percakapan kita.`,
  resolved: 'Senang bisa membantu! Jika perlu hal lain, tulis saja di sini.',
  button: 'Bicara dengan petugas',
};

const ar: BotTexts = {
  intro: 'مرحباً! أنا المساعد الآلي — روبوت، ولست إنساناً.',
  greeting:
    'مرحباً! أنا المساعد الآلي — روبوت، ولست إنساناً. اسألني عن الإيداع أو السحب أو التحقق أو حسابك أو التداول، أو اضغط «التحدث إلى موظف» في أي وقت.',
  answer: (summary, title) =>
    `من مركز المساعدة لدينا، «${title}»:\n\n${summary}\n\nهل أجاب هذا عن سؤالك؟ إن لم يكن كذلك فاضغط «التحدث إلى موظف».`,
  robot:
    'نعم، أنا روبوت — مساعد آلي ولست إنساناً. أجيب من مقالات مركز المساعدة. إن أردت التحدث إلى شخص فاضغط «التحدث إلى موظف» أو اكتب ذلك، وسأنقل إليه محادثتنا كاملة.',
  clarify:
    'آسف لأن ذلك لم يساعد. هل يمكنك طرح السؤال بطريقة أخرى؟ أو اضغط «التحدث إلى موظف» ليتولى موظف المحادثة.',
  handover: 'سأحوّلك الآن إلى موظف. سيرى محادثتنا كاملة، فلن تحتاج إلى تكرار شيء.',
  handoverAngry: 'نعتذر عن ذلك. سأحوّلك فوراً إلى موظف، وسيرى محادثتنا كاملة.',
  handoverUnsure: 'لست متأكداً من أن لدي الإجابة الصحيحة، لذا سأحوّلك إلى موظف. سيرى محادثتنا كاملة.',
  away: (when, byEmail) =>
    `فريقنا خارج ساعات العمل الآن، ويعود ${when}. رسالتك محفوظة وسيرد عليك موظف هنا${byEmail ? ' وعبر البريد الإلكتروني' : ''}. سيرى محادثتنا كاملة.`,
  resolved: 'سعيد لأنني استطعت المساعدة! إن احتجت شيئاً آخر فاكتب هنا.',
  button: 'التحدث إلى موظف',
};

const TEXTS: Record<string, BotTexts> = { en, ru, id, ar };

export const botTexts = (language: string | null): BotTexts => TEXTS[language ?? 'en'] ?? en;

/** "Monday 8 December, 09:00 (GMT+3)": when the team is back, in its own time zone. */
export function formatReturn(at: Date, language: string | null, timeZone: string): string {
  const locale = language && TEXTS[language] ? language : 'en';
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}
