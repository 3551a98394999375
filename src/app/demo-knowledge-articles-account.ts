import type { DemoKbArticle } from './demo-knowledge-articles.js';

/** Demo articles: verification, account types, demo accounts, signing in, passwords, contact (data only). */
export const ACCOUNT_ARTICLES: DemoKbArticle[] = [
  {
    category: 'account',
    slug: 'verify-identity',
    translations: {
      en: {
        title: 'How do I verify my identity (KYC)?',
        body: '<p>Upload two documents in the cabinet under <b>Profile → Verification</b>: a photo of your passport or national ID card, and a proof of address (a utility bill or bank statement from the last 3 months). Compliance checks them within 24 hours.</p><p>Photos must be sharp, in colour, with all four corners visible.</p>',
        keywords:
          'verification, KYC, upload documents, proof of identity, proof of address, documents rejected, account verification, confirm identity, passport, ID card',
      },
      ru: {
        title: 'Как пройти верификацию (KYC)?',
        body: '<p>Загрузите два документа в личном кабинете в разделе <b>Профиль → Верификация</b>: фото паспорта или удостоверения личности и подтверждение адреса (счёт за коммунальные услуги или банковская выписка за последние 3 месяца). Отдел комплаенса проверяет их в течение 24 часов.</p><p>Фото должны быть чёткими, цветными, со всеми четырьмя углами документа.</p>',
        keywords:
          'верификация, KYC, загрузить документы, подтвердить личность, подтверждение адреса, документы отклонены, проверка документов, паспорт, удостоверение личности',
      },
      id: {
        title: 'Bagaimana cara verifikasi identitas (KYC)?',
        body: '<p>Unggah dua dokumen di kabinet pada <b>Profil → Verifikasi</b>: foto paspor atau KTP, dan bukti alamat (tagihan listrik atau rekening koran 3 bulan terakhir). Tim kepatuhan memeriksanya dalam 24 jam.</p><p>Foto harus tajam, berwarna, dan keempat sudut dokumen terlihat.</p>',
        keywords:
          'verifikasi, KYC, unggah dokumen, upload dokumen, bukti identitas, bukti alamat, dokumen ditolak, verifikasi akun, KTP, paspor',
      },
      ar: {
        title: 'كيف أتحقق من هويتي (اعرف عميلك)؟',
        body: '<p>ارفع مستندين في الحساب الشخصي ضمن <b>الملف الشخصي ← التحقق</b>: صورة جواز السفر أو بطاقة الهوية، وإثبات العنوان (فاتورة خدمات أو كشف حساب بنكي من آخر 3 أشهر). يراجعها قسم الامتثال خلال 24 ساعة.</p><p>يجب أن تكون الصور واضحة وملونة وتظهر فيها الزوايا الأربع.</p>',
        keywords:
          'التحقق، توثيق الحساب، رفع المستندات، إثبات الهوية، إثبات العنوان، رفض المستندات، جواز السفر، بطاقة الهوية، KYC',
      },
    },
  },
  {
    category: 'account',
    slug: 'account-types',
    translations: {
      en: {
        title: 'Which account types do you offer?',
        body: '<p>We offer three live account types: <b>Standard</b> (from 100 USD, spreads from 1.2 pips, no commission), <b>Pro</b> (from 1,000 USD, spreads from 0.1 pips, 7 USD commission per lot) and <b>Islamic</b> (swap-free, same conditions as Standard). You can open several accounts in the cabinet.</p>',
        keywords:
          'account type, standard account, pro account, islamic account, swap-free account, minimum deposit, which account to choose, open live account, real account',
      },
      ru: {
        title: 'Какие типы счетов у вас есть?',
        body: '<p>Есть три типа реальных счетов: <b>Standard</b> (от 100 USD, спред от 1,2 пункта, без комиссии), <b>Pro</b> (от 1000 USD, спред от 0,1 пункта, комиссия 7 USD за лот) и <b>Islamic</b> (без свопов, условия как у Standard). В личном кабинете можно открыть несколько счетов.</p>',
        keywords:
          'тип счёта, стандартный счёт, про счёт, исламский счёт, счёт без свопов, минимальный депозит, какой счёт выбрать, открыть реальный счёт',
      },
      id: {
        title: 'Jenis akun apa saja yang tersedia?',
        body: '<p>Kami menawarkan tiga jenis akun live: <b>Standard</b> (mulai 100 USD, spread mulai 1,2 pip, tanpa komisi), <b>Pro</b> (mulai 1.000 USD, spread mulai 0,1 pip, komisi 7 USD per lot) dan <b>Islamic</b> (bebas swap, syarat sama dengan Standard). Anda bisa membuka beberapa akun di kabinet.</p>',
        keywords:
          'jenis akun, tipe akun, akun standard, akun pro, akun syariah, akun islami, akun bebas swap, deposit minimal, akun mana yang dipilih, buka akun live, akun riil',
      },
      ar: {
        title: 'ما أنواع الحسابات المتاحة؟',
        body: '<p>نقدم ثلاثة أنواع من الحسابات الحقيقية: <b>ستاندرد</b> (من 100 دولار، فروقات من 1.2 نقطة، بدون عمولة)، و<b>برو</b> (من 1000 دولار، فروقات من 0.1 نقطة، عمولة 7 دولارات لكل لوت)، و<b>الإسلامي</b> (بدون تبييت، بشروط ستاندرد نفسها). يمكنك فتح عدة حسابات من الحساب الشخصي.</p>',
        keywords:
          'نوع الحساب، أنواع الحسابات، حساب ستاندرد، حساب برو، الحساب الإسلامي، حساب بدون سواب، الحد الأدنى للإيداع، أي حساب أختار، فتح حساب حقيقي',
      },
    },
  },
  {
    category: 'account',
    slug: 'demo-account',
    translations: {
      en: {
        title: 'How do I open a demo account?',
        body: '<p>Register in the cabinet and press <b>Open demo account</b>. You get 10,000 USD of virtual money to practise with real prices and no risk. A demo account never expires while you use it; you can reset its balance at any time.</p>',
        keywords:
          'demo, practice account, virtual money, trial account, free account, test trading, paper trading, reset demo balance',
      },
      ru: {
        title: 'Как открыть демо-счёт?',
        body: '<p>Зарегистрируйтесь в личном кабинете и нажмите <b>Открыть демо-счёт</b>. Вы получите 10 000 USD виртуальных денег, чтобы тренироваться на реальных котировках без риска. Демо-счёт не истекает, пока вы им пользуетесь; баланс можно сбросить в любой момент.</p>',
        keywords:
          'демо, демо счет, учебный счёт, виртуальные деньги, пробный счёт, бесплатный счёт, тренировка, сбросить баланс демо',
      },
      id: {
        title: 'Bagaimana cara membuka akun demo?',
        body: '<p>Daftar di kabinet lalu tekan <b>Buka akun demo</b>. Anda mendapat 10.000 USD uang virtual untuk berlatih dengan harga nyata tanpa risiko. Akun demo tidak kedaluwarsa selama Anda memakainya; saldonya bisa diatur ulang kapan saja.</p>',
        keywords:
          'demo, akun latihan, uang virtual, akun percobaan, akun gratis, latihan trading, reset saldo demo',
      },
      ar: {
        title: 'كيف أفتح حساباً تجريبياً؟',
        body: '<p>سجّل في الحساب الشخصي واضغط <b>فتح حساب تجريبي</b>. ستحصل على 10,000 دولار افتراضية للتدرب بأسعار حقيقية ودون مخاطرة. لا تنتهي صلاحية الحساب التجريبي ما دمت تستخدمه، ويمكنك إعادة ضبط رصيده في أي وقت.</p>',
        keywords:
          'حساب تجريبي، ديمو، حساب تدريبي، أموال افتراضية، حساب مجاني، تجربة التداول، إعادة رصيد الحساب التجريبي',
      },
    },
  },
  {
    category: 'access',
    slug: 'platform-login',
    translations: {
      en: {
        title: 'I cannot log in to the trading platform',
        body: '<p>Use the trading account number as the login (not your email) and the trading password from the email sent when the account was opened. Check that you picked the right server: <b>BrokerDesk-Live</b> for real accounts, <b>BrokerDesk-Demo</b> for demo. "Invalid account" usually means the wrong server.</p><p>You can set a new trading password in the cabinet under <b>Accounts → Change password</b>.</p>',
        keywords:
          'login problem, cannot sign in to terminal, invalid account, wrong server, MT4 login, MT5 login, trading password, terminal does not connect, no connection',
      },
      ru: {
        title: 'Не могу войти в торговую платформу',
        body: '<p>Логином служит номер торгового счёта (а не email), пароль — торговый пароль из письма, пришедшего при открытии счёта. Проверьте сервер: <b>BrokerDesk-Live</b> для реальных счетов, <b>BrokerDesk-Demo</b> для демо. «Неверный счёт» обычно означает не тот сервер.</p><p>Новый торговый пароль можно задать в личном кабинете: <b>Счета → Сменить пароль</b>.</p>',
        keywords:
          'не могу зайти в терминал, не получается войти, ошибка входа, неверный счёт, не тот сервер, вход в MT4, вход в MT5, торговый пароль, нет соединения, терминал не подключается',
      },
      id: {
        title: 'Saya tidak bisa masuk ke platform trading',
        body: '<p>Gunakan nomor akun trading sebagai login (bukan email) dan kata sandi trading dari email yang dikirim saat akun dibuka. Periksa server: <b>BrokerDesk-Live</b> untuk akun riil, <b>BrokerDesk-Demo</b> untuk demo. "Invalid account" biasanya berarti server salah.</p><p>Kata sandi trading baru dapat diatur di kabinet pada <b>Akun → Ubah kata sandi</b>.</p>',
        keywords:
          'gagal login, tidak bisa login, tidak bisa masuk terminal, akun tidak valid, server salah, login MT4, login MT5, password trading, tidak ada koneksi',
      },
      ar: {
        title: 'لا أستطيع الدخول إلى منصة التداول',
        body: '<p>استخدم رقم حساب التداول كاسم دخول (وليس بريدك الإلكتروني) وكلمة مرور التداول من الرسالة التي وصلتك عند فتح الحساب. تأكد من اختيار الخادم الصحيح: <b>BrokerDesk-Live</b> للحسابات الحقيقية و<b>BrokerDesk-Demo</b> للتجريبية. رسالة "حساب غير صالح" تعني غالباً خادماً خاطئاً.</p><p>يمكنك تعيين كلمة مرور تداول جديدة من الحساب الشخصي: <b>الحسابات ← تغيير كلمة المرور</b>.</p>',
        keywords:
          'مشكلة تسجيل الدخول، لا أستطيع الدخول للمنصة، حساب غير صالح، خادم خاطئ، دخول ميتاتريدر، MT4، MT5، كلمة مرور التداول، لا يوجد اتصال',
      },
    },
  },
  {
    category: 'access',
    slug: 'reset-password',
    translations: {
      en: {
        title: 'How do I reset my cabinet password?',
        body: '<p>On the cabinet sign-in page press <b>Forgot password?</b> and enter your email. We send a link valid for one hour; open it and choose a new password of at least 10 characters. If the email does not arrive, check the spam folder.</p>',
        keywords:
          'forgot password, reset password, change password, lost password, recover account, password link, new password, cannot remember password',
      },
      ru: {
        title: 'Как восстановить пароль от личного кабинета?',
        body: '<p>На странице входа в личный кабинет нажмите <b>Забыли пароль?</b> и введите email. Мы пришлём ссылку, действующую один час; откройте её и задайте новый пароль не короче 10 символов. Если письма нет, проверьте папку «Спам».</p>',
        keywords:
          'забыл пароль, сбросить пароль, восстановить пароль, сменить пароль, потерял пароль, ссылка для сброса, новый пароль, не помню пароль',
      },
      id: {
        title: 'Bagaimana cara mengatur ulang kata sandi kabinet?',
        body: '<p>Di halaman masuk kabinet tekan <b>Lupa kata sandi?</b> dan masukkan email Anda. Kami mengirim tautan yang berlaku satu jam; buka dan buat kata sandi baru minimal 10 karakter. Jika email tidak datang, periksa folder spam.</p>',
        keywords:
          'lupa password, lupa kata sandi, reset password, ganti kata sandi, ubah password, pulihkan akun, tautan reset, kata sandi baru',
      },
      ar: {
        title: 'كيف أعيد تعيين كلمة مرور الحساب الشخصي؟',
        body: '<p>في صفحة تسجيل الدخول اضغط <b>نسيت كلمة المرور؟</b> وأدخل بريدك الإلكتروني. نرسل لك رابطاً صالحاً لمدة ساعة؛ افتحه واختر كلمة مرور جديدة من 10 أحرف على الأقل. إن لم تصل الرسالة فتحقق من مجلد البريد العشوائي.</p>',
        keywords:
          'نسيت كلمة المرور، إعادة تعيين كلمة المرور، تغيير كلمة السر، استعادة الحساب، رابط إعادة التعيين، كلمة مرور جديدة، لا أتذكر كلمة المرور',
      },
    },
  },
  {
    category: 'account',
    slug: 'contact-support',
    translations: {
      en: {
        title: 'When is support available and how do I reach a person?',
        body: '<p>Our team answers in the chat, by email and by phone on business days from 09:00 to 18:00 (your region\u2019s team), and the English desk around the clock. In the chat, press <b>Talk to a person</b> at any time. Outside working hours leave a message and we reply when we are back.</p>',
        keywords:
          'working hours, opening hours, support hours, contact us, phone number, email support, are you open, weekend support, live agent',
      },
      ru: {
        title: 'Когда работает поддержка и как связаться с человеком?',
        body: '<p>Наша команда отвечает в чате, по email и по телефону в рабочие дни с 09:00 до 18:00 (команда вашего региона), а англоязычная поддержка — круглосуточно. В чате в любой момент нажмите <b>Связаться с человеком</b>. В нерабочее время оставьте сообщение — мы ответим, когда вернёмся.</p>',
        keywords:
          'часы работы, график работы поддержки, связаться с нами, телефон поддержки, написать на почту, работаете ли вы в выходные, живой оператор',
      },
      id: {
        title: 'Kapan layanan dukungan tersedia dan bagaimana menghubungi petugas?',
        body: '<p>Tim kami menjawab lewat chat, email dan telepon pada hari kerja pukul 09:00–18:00 (tim wilayah Anda), dan layanan berbahasa Inggris 24 jam. Di chat, tekan <b>Bicara dengan petugas</b> kapan saja. Di luar jam kerja tinggalkan pesan dan kami membalas saat kembali.</p>',
        keywords:
          'jam kerja, jam operasional, jam layanan, hubungi kami, nomor telepon, email dukungan, apakah buka akhir pekan, customer service',
      },
      ar: {
        title: 'متى يتوفر الدعم وكيف أتواصل مع موظف؟',
        body: '<p>يرد فريقنا عبر الدردشة والبريد الإلكتروني والهاتف في أيام العمل من 09:00 إلى 18:00 (فريق منطقتك)، والدعم باللغة الإنجليزية على مدار الساعة. في الدردشة اضغط <b>التحدث إلى موظف</b> في أي وقت. خارج ساعات العمل اترك رسالة وسنرد عند عودتنا.</p>',
        keywords:
          'ساعات العمل، أوقات الدوام، ساعات الدعم، اتصل بنا، رقم الهاتف، البريد الإلكتروني للدعم، هل تعملون في عطلة نهاية الأسبوع، خدمة العملاء',
      },
    },
  },
];
