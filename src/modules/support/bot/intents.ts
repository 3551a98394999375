/**
 * What a visitor's message asks of the bot itself, before any article is looked for: whether it is a
 * robot, to talk to a person, thanks (the answer helped), that the answer did not help, or only a
 * greeting. Phrase lists per desk language; a language without a list uses English's. Pure.
 */
export type BotIntent = 'robot' | 'human' | 'thanks' | 'not_helpful' | 'greeting' | 'question';

/** Whole words or phrases (Unicode letters around them), case-insensitive. */
const words = (list: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
/** The whole message is one of these (after punctuation and emoji are dropped). */
const only = (list: readonly string[]) => new RegExp(`^(?:${list.join('|')})$`, 'iu');

interface IntentPhrases {
  robot: RegExp;
  human: RegExp;
  notHelpful: RegExp;
  thanks: RegExp;
  greeting: RegExp;
}

const PHRASES: Record<string, IntentPhrases> = {
  en: {
    robot: words([
      '(?:are|r) (?:you|u) (?:a |an )?(?:robot|bot|machine|computer|ai|human|real|real person|person|a person|chatbot)',
      'is this (?:a )?(?:robot|bot|chatbot|machine|real person|human)',
      'am i (?:talking|speaking|chatting) (?:to|with) (?:a )?(?:robot|bot|machine|human|real person|person)',
      'robot\\?',
      'bot\\?',
    ]),
    human: words([
      '(?:talk|speak|chat) (?:to|with) (?:a |an |the )?(?:human|person|agent|operator|someone|somebody|representative|real person|manager|support)',
      '(?:connect|transfer) me',
      '(?:want|need|get me) (?:a |an )?(?:human|person|agent|operator|real person|representative)',
      'human please',
      'live agent',
      'real person',
      'operator',
      'agent please',
    ]),
    notHelpful: words([
      "(?:didn'?t|did not|doesn'?t|does not|not) (?:help|work|answer)",
      'not what i (?:asked|need|meant|wanted)',
      'wrong answer',
      'useless',
      'no(?:pe)?(?=[ ,.!]|$)',
      'not helpful',
      'that is not it',
    ]),
    thanks: words([
      'thanks?(?: you)?',
      'thx',
      'ty',
      'that helped',
      'it helped',
      'got it',
      'perfect',
      'great',
      'solved',
      'helpful',
    ]),
    greeting: only([
      'hi',
      'hello',
      'hey',
      'hi there',
      'hello there',
      'good (?:morning|afternoon|evening)',
      'yo',
    ]),
  },
  ru: {
    robot: words([
      '(?:ты|вы) (?:что )?(?:робот|бот|машина|человек|живой|живой человек|настоящий человек|ии|нейросеть)',
      'это (?:робот|бот|живой человек|человек)',
      'я (?:говорю|общаюсь|разговариваю) с (?:роботом|ботом|человеком)',
      'робот\\?',
      'бот\\?',
    ]),
    human: words([
      'оператор\\p{L}*',
      'жив\\p{L}* человек\\p{L}*',
      'настоящ\\p{L}* человек\\p{L}*',
      'сотрудник\\p{L}*',
      'специалист\\p{L}*',
      'менеджер\\p{L}*',
      'с человеком',
      'соедините',
      'позовите',
      'переключите',
      'позвать человека',
    ]),
    notHelpful: words([
      'не помогл\\p{L}*',
      'не то',
      'не работает',
      'не ответил\\p{L}*',
      'бесполезно',
      'не понял\\p{L}*',
      'нет(?=[ ,.!]|$)',
    ]),
    thanks: words(['спасибо', 'благодарю', 'помогло', 'понятно', 'отлично', 'супер', 'спс']),
    greeting: only([
      'привет',
      'здравствуйте',
      'здравствуй',
      'добрый (?:день|вечер)',
      'доброе утро',
      'алло',
      'hi',
    ]),
  },
  id: {
    robot: words([
      '(?:apakah |apa )?(?:kamu|anda|kau|ini) (?:itu )?(?:robot|bot|mesin|manusia|orang sungguhan|orang asli|ai)',
      'robot\\?',
      'bot\\?',
    ]),
    human: words([
      '(?:bicara|ngobrol|berbicara|hubungkan|sambungkan) (?:dengan|ke|saya ke|saya dengan) (?:petugas|operator|agen|manusia|orang|cs|customer service)',
      'operator',
      'petugas',
      'agen manusia',
      'manusia asli',
      'orang sungguhan',
      'customer service',
      'minta cs',
    ]),
    notHelpful: words([
      'tidak membantu',
      'ga membantu',
      'gak membantu',
      'tidak berhasil',
      'bukan itu',
      'salah jawab\\p{L}*',
      'tidak(?=[ ,.!]|$)',
      'bukan(?=[ ,.!]|$)',
    ]),
    thanks: words([
      'terima kasih',
      'terimakasih',
      'makasih',
      'thanks',
      'sudah jelas',
      'membantu',
      'mantap',
      'oke sip',
    ]),
    greeting: only([
      'halo',
      'hai',
      'hallo',
      'selamat (?:pagi|siang|sore|malam)',
      'assalamualaikum',
      'permisi',
      'hi',
    ]),
  },
  ar: {
    robot: words([
      '(?:هل )?(?:أنت|انت|أنتِ|انتِ|حضرتك) (?:روبوت|بوت|آلة|الة|إنسان|انسان|شخص حقيقي|حقيقي|ذكاء اصطناعي)',
      'هل (?:هذا|هذه) (?:روبوت|بوت|إنسان|انسان)',
      'هل أتحدث (?:مع|إلى) (?:روبوت|بوت|إنسان|انسان)',
      'روبوت\\s?؟',
    ]),
    human: words([
      'موظف\\p{L}*',
      'إنسان حقيقي',
      'انسان حقيقي',
      'شخص حقيقي',
      'خدمة العملاء',
      'وكيل',
      'أريد التحدث (?:مع|إلى) \\p{L}+',
      'اريد التحدث (?:مع|إلى) \\p{L}+',
      'مع إنسان',
      'مع انسان',
      'مع شخص',
    ]),
    notHelpful: words([
      'لم يساعد\\p{L}*',
      'لم يفد\\p{L}*',
      'لا يساعد',
      'ليس هذا',
      'غير مفيد',
      'خطأ',
      'لا(?=[ ،.!]|$)',
    ]),
    thanks: words([
      'شكرا',
      'شكراً',
      'شكرًا',
      'مشكور',
      'تم الحل',
      'أفادني',
      'ساعدني',
      'ممتاز',
      'جزاك الله خيرا',
    ]),
    greeting: only(['مرحبا', 'مرحباً', 'السلام عليكم', 'أهلا', 'اهلا', 'صباح الخير', 'مساء الخير', 'هلا']),
  },
};

/** The message without punctuation, emoji and extra spaces, lower-cased. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'?؟]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The intent of a visitor's message. Its own language's phrases first, then English's (visitors mix
 * them). A robot question wins over a request for a person ("are you human? I want a person" asks both:
 * the honest answer comes first, with the offer of a person, and the next message decides).
 */
export function intentOf(text: string, language: string): BotIntent {
  const t = normalise(text);
  if (!t) return 'greeting';
  const sets = [PHRASES[language] ?? PHRASES.en!, ...(language === 'en' ? [] : [PHRASES.en!])];
  const bare = t.replace(/[?؟']/g, '').trim();
  for (const p of sets) if (p.robot.test(t)) return 'robot';
  for (const p of sets) if (p.human.test(t)) return 'human';
  // Short replies only: "no, that didn't help" is feedback; a long question that contains "no" is a question.
  const short = bare.split(' ').length <= 8;
  if (short) for (const p of sets) if (p.notHelpful.test(t)) return 'not_helpful';
  // "Great, and how do I withdraw?" is a question, not thanks.
  if (short && !/[?؟]/.test(t)) for (const p of sets) if (p.thanks.test(t)) return 'thanks';
  for (const p of sets) if (p.greeting.test(bare)) return 'greeting';
  return 'question';
}

/** Greetings and polite filler stripped from a question before it is searched ("hi, how do I…"). */
const FILLER: Record<string, RegExp> = {
  en: words([
    'hi',
    'hello',
    'hey',
    'please',
    'pls',
    'thanks',
    'thank you',
    'can you tell me',
    'i want to know',
    'tell me',
  ]),
  ru: words([
    'привет',
    'здравствуйте',
    'пожалуйста',
    'подскажите',
    'скажите',
    'спасибо',
    'добрый день',
    'извините',
  ]),
  id: words([
    'halo',
    'hai',
    'tolong',
    'mohon',
    'bantu',
    'min',
    'kak',
    'gan',
    'terima kasih',
    'selamat (?:pagi|siang|sore|malam)',
    'saya mau tanya',
    'mau tanya',
    'permisi',
  ]),
  ar: words(['مرحبا', 'مرحباً', 'السلام عليكم', 'من فضلك', 'لو سمحت', 'شكرا', 'أهلا', 'اهلا']),
};

export function searchText(text: string, language: string): string {
  const filler = FILLER[language] ?? FILLER.en!;
  const global = new RegExp(filler.source, 'giu');
  return text.replace(global, ' ').replace(/\s+/g, ' ').trim();
}
