import type { DemoKbArticle } from './demo-knowledge-articles.js';

/** Demo articles: leverage, spreads, swaps, margin calls, market hours, and one internal article (data only). */
export const TRADING_ARTICLES: DemoKbArticle[] = [
  {
    category: 'trading',
    slug: 'leverage',
    translations: {
      en: {
        title: 'What leverage can I use and how do I change it?',
        body: '<p>Leverage lets you open a position larger than your deposit: with 1:100, 1,000 USD controls 100,000 USD. Standard and Islamic accounts go up to 1:500, Pro up to 1:200. Change it in the cabinet under <b>Accounts → Leverage</b>; it applies at once if you have no open positions.</p><p>Higher leverage means higher risk: losses grow as fast as profits.</p>',
        keywords:
          'change leverage, maximum leverage, 1:500, 1:100, lower leverage, increase leverage, what is leverage, margin ratio, credit shoulder',
      },
      ru: {
        title: 'Какое кредитное плечо доступно и как его изменить?',
        body: '<p>Кредитное плечо позволяет открыть позицию больше депозита: при 1:100 на 1000 USD можно торговать объёмом 100 000 USD. На счетах Standard и Islamic — до 1:500, на Pro — до 1:200. Изменить плечо можно в личном кабинете: <b>Счета → Кредитное плечо</b>; оно меняется сразу, если нет открытых позиций.</p><p>Чем больше плечо, тем выше риск: убытки растут так же быстро, как прибыль.</p>',
        keywords:
          'плечо, изменить плечо, сменить кредитное плечо, максимальное плечо, 1:500, 1:100, уменьшить плечо, увеличить плечо, что такое плечо, леверидж',
      },
      id: {
        title: 'Berapa leverage yang bisa saya gunakan dan bagaimana mengubahnya?',
        body: '<p>Leverage memungkinkan Anda membuka posisi lebih besar dari deposit: dengan 1:100, 1.000 USD mengendalikan 100.000 USD. Akun Standard dan Islamic hingga 1:500, Pro hingga 1:200. Ubah di kabinet pada <b>Akun → Leverage</b>; langsung berlaku jika tidak ada posisi terbuka.</p><p>Leverage tinggi berarti risiko tinggi: kerugian bertambah secepat keuntungan.</p>',
        keywords:
          'ubah leverage, ganti leverage, leverage maksimal, 1:500, 1:100, turunkan leverage, naikkan leverage, apa itu leverage, daya ungkit',
      },
      ar: {
        title: 'ما الرافعة المالية المتاحة وكيف أغيّرها؟',
        body: '<p>تتيح لك الرافعة المالية فتح صفقة أكبر من إيداعك: مع 1:100 يتحكم 1000 دولار في 100,000 دولار. تصل حسابات ستاندرد والإسلامي إلى 1:500، وبرو إلى 1:200. غيّرها من الحساب الشخصي ضمن <b>الحسابات ← الرافعة المالية</b>، وتسري فوراً إن لم تكن لديك صفقات مفتوحة.</p><p>الرافعة الأعلى تعني مخاطرة أعلى: تكبر الخسائر بسرعة الأرباح نفسها.</p>',
        keywords:
          'الرافعة، تغيير الرافعة المالية، أقصى رافعة، 1:500، 1:100، تخفيض الرافعة، زيادة الرافعة، ما هي الرافعة المالية',
      },
    },
  },
  {
    category: 'trading',
    slug: 'spreads',
    translations: {
      en: {
        title: 'What are your spreads?',
        body: '<p>The spread is the difference between the buy (ask) and sell (bid) price. Our spreads are floating: EUR/USD from 1.2 pips on Standard and from 0.1 pips on Pro, gold from 25 cents. They can widen at news releases and when markets open on Monday. Live spreads are shown in the platform\u2019s Market Watch.</p>',
        keywords:
          'spread, bid ask difference, floating spread, fixed spread, spread widening, EURUSD spread, gold spread, pips, why is the spread so high',
      },
      ru: {
        title: 'Какие у вас спреды?',
        body: '<p>Спред — это разница между ценой покупки (ask) и продажи (bid). Спреды плавающие: EUR/USD от 1,2 пункта на Standard и от 0,1 пункта на Pro, золото от 25 центов. Они могут расширяться во время новостей и при открытии рынка в понедельник. Текущие спреды видны в «Обзоре рынка» платформы.</p>',
        keywords:
          'спред, разница bid ask, плавающий спред, фиксированный спред, расширение спреда, спред по EURUSD, спред на золото, пункты, почему такой большой спред',
      },
      id: {
        title: 'Berapa spread Anda?',
        body: '<p>Spread adalah selisih antara harga beli (ask) dan jual (bid). Spread kami mengambang: EUR/USD mulai 1,2 pip di Standard dan mulai 0,1 pip di Pro, emas mulai 25 sen. Spread bisa melebar saat rilis berita dan ketika pasar buka hari Senin. Spread langsung terlihat di Market Watch platform.</p>',
        keywords:
          'spread, selisih bid ask, spread mengambang, spread tetap, spread melebar, spread EURUSD, spread emas, pip, kenapa spread besar',
      },
      ar: {
        title: 'ما هي فروقات الأسعار (السبريد) لديكم؟',
        body: '<p>السبريد هو الفرق بين سعر الشراء (ask) وسعر البيع (bid). فروقاتنا متغيرة: اليورو/دولار من 1.2 نقطة على ستاندرد ومن 0.1 نقطة على برو، والذهب من 25 سنتاً. قد تتسع عند صدور الأخبار وعند افتتاح السوق يوم الاثنين. تظهر الفروقات الحالية في نافذة مراقبة السوق في المنصة.</p>',
        keywords:
          'سبريد، فرق السعر، الفرق بين البيع والشراء، سبريد متغير، سبريد ثابت، اتساع السبريد، سبريد الذهب، نقاط، لماذا السبريد مرتفع',
      },
    },
  },
  {
    category: 'trading',
    slug: 'swap',
    translations: {
      en: {
        title: 'What is a swap and how can I avoid it?',
        body: '<p>A swap is the overnight interest charged or paid for a position kept open past 23:59 server time. On Wednesday night it is tripled to cover the weekend. Each instrument\u2019s swap is in the platform under <b>Specification</b>. Islamic accounts are swap-free.</p>',
        keywords:
          'swap, overnight fee, rollover, overnight interest, triple swap, swap-free, holding position overnight, swap charge, why was I charged overnight',
      },
      ru: {
        title: 'Что такое своп и как его избежать?',
        body: '<p>Своп — это плата (или начисление) за перенос позиции через 23:59 по времени сервера. В ночь на четверг он тройной, чтобы покрыть выходные. Своп по каждому инструменту указан в платформе в <b>Спецификации</b>. Исламские счета работают без свопов.</p>',
        keywords:
          'своп, свопы, перенос позиции, ночная комиссия, тройной своп, без свопов, ролловер, списали за ночь, плата за перенос',
      },
      id: {
        title: 'Apa itu swap dan bagaimana menghindarinya?',
        body: '<p>Swap adalah bunga menginap yang dikenakan atau dibayarkan untuk posisi yang masih terbuka melewati pukul 23:59 waktu server. Pada Rabu malam swap dikenakan tiga kali untuk menutup akhir pekan. Swap tiap instrumen ada di platform pada <b>Spesifikasi</b>. Akun Islamic bebas swap.</p>',
        keywords:
          'swap, biaya inap, biaya menginap, rollover, bunga semalam, swap tiga kali, bebas swap, menahan posisi semalam, kenapa kena biaya swap',
      },
      ar: {
        title: 'ما هو السواب (التبييت) وكيف أتجنبه؟',
        body: '<p>السواب هو فائدة التبييت التي تُخصم أو تُضاف للصفقة المفتوحة بعد الساعة 23:59 بتوقيت الخادم. تُحتسب ثلاثة أضعاف ليلة الأربعاء لتغطية عطلة نهاية الأسبوع. تجد سواب كل أداة في المنصة ضمن <b>المواصفات</b>. الحسابات الإسلامية بدون سواب.</p>',
        keywords:
          'سواب، رسوم التبييت، تبييت الصفقة، فائدة ليلية، سواب ثلاثي، بدون سواب، إبقاء الصفقة مفتوحة ليلاً، لماذا خصمت رسوم التبييت',
      },
    },
  },
  {
    category: 'trading',
    slug: 'margin-call',
    translations: {
      en: {
        title: 'What are margin call and stop out?',
        body: '<p>A <b>margin call</b> warning comes when your margin level (equity ÷ used margin × 100%) falls to 100%: you cannot open new positions. At 50% the <b>stop out</b> closes your positions one by one, the largest loss first, until the level is back above 50%. Deposit or close positions to avoid it.</p>',
        keywords:
          'margin call, stop out, positions closed automatically, margin level, not enough margin, free margin, equity, why were my trades closed, liquidation',
      },
      ru: {
        title: 'Что такое маржин-колл и стоп-аут?',
        body: '<p>Предупреждение <b>маржин-колл</b> приходит, когда уровень маржи (средства ÷ задействованная маржа × 100%) падает до 100%: новые позиции открыть нельзя. При 50% срабатывает <b>стоп-аут</b> — позиции закрываются по одной, начиная с самой убыточной, пока уровень не поднимется выше 50%. Чтобы этого избежать, пополните счёт или закройте позиции.</p>',
        keywords:
          'маржин колл, стоп аут, закрыло позиции, закрылись сделки, уровень маржи, не хватает маржи, свободная маржа, эквити, почему закрылись мои сделки, ликвидация',
      },
      id: {
        title: 'Apa itu margin call dan stop out?',
        body: '<p>Peringatan <b>margin call</b> muncul saat level margin Anda (ekuitas ÷ margin terpakai × 100%) turun ke 100%: Anda tidak bisa membuka posisi baru. Pada 50% <b>stop out</b> menutup posisi satu per satu, mulai dari kerugian terbesar, sampai level kembali di atas 50%. Lakukan deposit atau tutup posisi untuk menghindarinya.</p>',
        keywords:
          'margin call, stop out, posisi tertutup otomatis, level margin, margin tidak cukup, margin bebas, ekuitas, kenapa posisi saya ditutup, likuidasi',
      },
      ar: {
        title: 'ما هو نداء الهامش والإيقاف (ستوب آوت)؟',
        body: '<p>يصلك تحذير <b>نداء الهامش</b> عندما ينخفض مستوى الهامش (حقوق الملكية ÷ الهامش المستخدم × 100%) إلى 100%: لا يمكنك فتح صفقات جديدة. عند 50% يبدأ <b>الإيقاف</b> بإغلاق صفقاتك واحدة تلو الأخرى، بدءاً بالأكثر خسارة، حتى يعود المستوى فوق 50%. أودع أو أغلق صفقات لتجنب ذلك.</p>',
        keywords:
          'مارجن كول، نداء الهامش، ستوب آوت، إغلاق الصفقات تلقائياً، مستوى الهامش، الهامش غير كافٍ، الهامش الحر، لماذا أغلقت صفقاتي، تصفية',
      },
    },
  },
  {
    category: 'trading',
    slug: 'market-hours',
    translations: {
      en: {
        title: 'When are the markets open for trading?',
        body: '<p>Forex trades 24 hours a day from Monday 00:05 to Friday 23:55 server time (GMT+2, GMT+3 in summer). Gold and oil pause for one hour each day; stock CFDs follow their exchange\u2019s hours. Markets are closed at the weekend and on some holidays — the schedule is in the platform under <b>Specification → Sessions</b>.</p>',
        keywords:
          'trading hours, market hours, when does the market open, market closed, weekend trading, trading sessions, server time, holiday schedule',
      },
      ru: {
        title: 'Когда открыты рынки для торговли?',
        body: '<p>Форекс торгуется круглосуточно с понедельника 00:05 до пятницы 23:55 по времени сервера (GMT+2, летом GMT+3). Золото и нефть прерываются на час каждый день; CFD на акции — по часам своей биржи. В выходные и некоторые праздники рынки закрыты — расписание в платформе: <b>Спецификация → Сессии</b>.</p>',
        keywords:
          'время торговли, часы работы рынка, когда открывается рынок, рынок закрыт, торговля в выходные, торговые сессии, время сервера, расписание праздников',
      },
      id: {
        title: 'Kapan pasar buka untuk trading?',
        body: '<p>Forex diperdagangkan 24 jam sehari dari Senin 00:05 hingga Jumat 23:55 waktu server (GMT+2, GMT+3 saat musim panas). Emas dan minyak berhenti satu jam setiap hari; CFD saham mengikuti jam bursanya. Pasar tutup di akhir pekan dan beberapa hari libur — jadwalnya ada di platform pada <b>Spesifikasi → Sesi</b>.</p>',
        keywords:
          'jam trading, jam pasar, kapan pasar buka, pasar tutup, trading akhir pekan, sesi trading, waktu server, jadwal libur',
      },
      ar: {
        title: 'متى تكون الأسواق مفتوحة للتداول؟',
        body: '<p>يُتداول الفوركس على مدار 24 ساعة من الاثنين 00:05 حتى الجمعة 23:55 بتوقيت الخادم (GMT+2، وGMT+3 صيفاً). يتوقف الذهب والنفط ساعة يومياً، وتتبع عقود الأسهم ساعات بورصتها. الأسواق مغلقة في عطلة نهاية الأسبوع وبعض العطل — الجدول في المنصة ضمن <b>المواصفات ← الجلسات</b>.</p>',
        keywords:
          'أوقات التداول، ساعات السوق، متى يفتح السوق، السوق مغلق، التداول في عطلة نهاية الأسبوع، جلسات التداول، توقيت الخادم، جدول العطل',
      },
    },
  },
  {
    category: 'trading',
    slug: 'agents-withdrawal-checklist',
    internal: true,
    translations: {
      en: {
        title: 'Agents: checklist before chasing a late withdrawal',
        body: '<p>Internal. Check in the client card: KYC approved, the payment request status, the PSP reference, and whether a bonus is active (a withdrawal removes it). Escalate to finance after 2 business days with the request id.</p>',
        keywords: 'late withdrawal escalation, finance escalation, PSP reference',
      },
      ru: {
        title: 'Агентам: что проверить по задержанному выводу',
        body: '<p>Внутреннее. Проверьте в карточке клиента: одобрена ли верификация, статус заявки, номер у платёжного провайдера и активен ли бонус (вывод его списывает). Через 2 рабочих дня передайте в финансовый отдел с номером заявки.</p>',
        keywords: 'задержка вывода эскалация, финансовый отдел, номер провайдера',
      },
      id: {
        title: 'Agen: daftar periksa penarikan yang terlambat',
        body: '<p>Internal. Periksa di kartu klien: KYC disetujui, status permintaan pembayaran, referensi PSP, dan apakah bonus aktif (penarikan menghapusnya). Eskalasi ke bagian keuangan setelah 2 hari kerja dengan id permintaan.</p>',
        keywords: 'eskalasi penarikan terlambat, bagian keuangan, referensi PSP',
      },
      ar: {
        title: 'للموظفين: قائمة التحقق قبل متابعة سحب متأخر',
        body: '<p>داخلي. تحقق في بطاقة العميل من: اعتماد التحقق، وحالة طلب الدفع، ومرجع مزود الدفع، وهل توجد مكافأة نشطة (السحب يلغيها). صعّد إلى قسم المالية بعد يومي عمل مع رقم الطلب.</p>',
        keywords: 'تصعيد السحب المتأخر، قسم المالية، مرجع مزود الدفع',
      },
    },
  },
];
