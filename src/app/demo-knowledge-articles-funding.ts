import type { DemoKbArticle } from './demo-knowledge-articles.js';

/** Demo articles: deposits, withdrawals, their fees and the deposit bonus (data only). */
export const FUNDING_ARTICLES: DemoKbArticle[] = [
  {
    category: 'deposits',
    slug: 'how-to-deposit',
    translations: {
      en: {
        title: 'How do I deposit money?',
        body: '<p>Open the cabinet, choose <b>Deposit</b>, pick a payment system and enter the amount. Card deposits are credited within minutes; a bank wire takes 1–3 business days.</p><ol><li>Sign in to the cabinet.</li><li>Press <b>Deposit</b> next to the trading account.</li><li>Choose a card, a bank wire or an e-wallet and confirm.</li></ol><p>The money must come from an account in your own name.</p>',
        keywords:
          'top up account, fund account, add money, put money in, payment methods, deposit by card, bank transfer deposit, credit card, e-wallet, how to pay in',
      },
      ru: {
        title: 'Как пополнить счёт?',
        body: '<p>Откройте личный кабинет, выберите <b>Пополнение</b>, платёжную систему и сумму. Пополнение картой зачисляется за несколько минут, банковский перевод — за 1–3 рабочих дня.</p><ol><li>Войдите в личный кабинет.</li><li>Нажмите <b>Пополнить</b> рядом с торговым счётом.</li><li>Выберите карту, банковский перевод или электронный кошелёк и подтвердите.</li></ol><p>Деньги должны поступать со счёта, открытого на ваше имя.</p>',
        keywords:
          'внести деньги, закинуть деньги, пополнение счета, положить деньги на счёт, способы оплаты, пополнить картой, банковский перевод, электронный кошелёк, депозит',
      },
      id: {
        title: 'Bagaimana cara melakukan deposit?',
        body: '<p>Buka kabinet, pilih <b>Deposit</b>, pilih sistem pembayaran dan masukkan jumlahnya. Deposit kartu dikreditkan dalam beberapa menit; transfer bank memakan waktu 1–3 hari kerja.</p><ol><li>Masuk ke kabinet.</li><li>Tekan <b>Deposit</b> di samping akun trading.</li><li>Pilih kartu, transfer bank atau dompet elektronik lalu konfirmasi.</li></ol><p>Dana harus berasal dari rekening atas nama Anda sendiri.</p>',
        keywords:
          'isi saldo, top up akun, tambah dana, setor dana, menyetor uang, metode pembayaran, deposit kartu, transfer bank, dompet elektronik, cara setor',
      },
      ar: {
        title: 'كيف أقوم بإيداع الأموال؟',
        body: '<p>افتح الحساب الشخصي، واختر <b>الإيداع</b>، ثم نظام الدفع وأدخل المبلغ. تُضاف إيداعات البطاقة خلال دقائق، ويستغرق التحويل البنكي من يوم إلى ثلاثة أيام عمل.</p><ol><li>سجّل الدخول إلى الحساب الشخصي.</li><li>اضغط <b>إيداع</b> بجانب حساب التداول.</li><li>اختر البطاقة أو التحويل البنكي أو المحفظة الإلكترونية وأكّد.</li></ol><p>يجب أن تأتي الأموال من حساب باسمك.</p>',
        keywords:
          'شحن الحساب، تمويل الحساب، إضافة أموال، إيداع المال، طرق الدفع، الإيداع بالبطاقة، تحويل بنكي، محفظة إلكترونية، كيف أودع',
      },
    },
  },
  {
    category: 'deposits',
    slug: 'how-to-withdraw',
    translations: {
      en: {
        title: 'How do I withdraw money?',
        body: '<p>In the cabinet choose <b>Withdraw</b>, pick the same payment system you deposited with and enter the amount. Requests are processed within one business day; the bank may take 1–5 more days.</p><p>Withdrawals go back to the card or account the money came from. Your identity must be verified first, and open positions need enough free margin.</p>',
        keywords:
          'withdrawal, cash out, take money out, get my money back, payout, withdraw funds, withdrawal pending, withdrawal time, how long withdrawal takes',
      },
      ru: {
        title: 'Как вывести деньги?',
        body: '<p>В личном кабинете выберите <b>Вывод средств</b>, ту же платёжную систему, которой вы пополняли счёт, и сумму. Заявки обрабатываются в течение одного рабочего дня; банку может понадобиться ещё 1–5 дней.</p><p>Деньги возвращаются на ту карту или счёт, с которых поступили. Сначала нужно пройти верификацию, а для открытых позиций должно хватать свободной маржи.</p>',
        keywords:
          'вывод средств, снять деньги, вывести прибыль, забрать деньги, выплата, заявка на вывод, сколько идёт вывод, срок вывода, не пришёл вывод',
      },
      id: {
        title: 'Bagaimana cara menarik dana?',
        body: '<p>Di kabinet pilih <b>Penarikan</b>, pilih sistem pembayaran yang sama dengan saat deposit dan masukkan jumlahnya. Permintaan diproses dalam satu hari kerja; bank mungkin butuh 1–5 hari lagi.</p><p>Dana dikembalikan ke kartu atau rekening asal. Identitas Anda harus terverifikasi lebih dulu, dan posisi terbuka harus memiliki margin bebas yang cukup.</p>',
        keywords:
          'penarikan dana, tarik uang, withdraw, mencairkan dana, mengambil uang, pencairan, berapa lama penarikan, penarikan tertunda, tarik saldo',
      },
      ar: {
        title: 'كيف أسحب أموالي؟',
        body: '<p>في الحساب الشخصي اختر <b>سحب</b>، ثم نظام الدفع نفسه الذي أودعت به، وأدخل المبلغ. تُعالج الطلبات خلال يوم عمل واحد، وقد يحتاج البنك من يوم إلى خمسة أيام إضافية.</p><p>تعود الأموال إلى البطاقة أو الحساب الذي جاءت منه. يجب التحقق من هويتك أولاً، وأن يكون الهامش الحر كافياً للصفقات المفتوحة.</p>',
        keywords:
          'سحب الأموال، سحب الأرباح، استرداد المال، صرف الأموال، طلب سحب، كم يستغرق السحب، مدة السحب، السحب معلق',
      },
    },
  },
  {
    category: 'deposits',
    slug: 'deposit-withdrawal-fees',
    translations: {
      en: {
        title: 'Are there fees for deposits and withdrawals?',
        body: '<p>We charge no fee for deposits. One withdrawal a month is free; further withdrawals cost 1% (at least 5 USD). Your bank or payment system may charge its own fee, and a currency conversion uses the day\u2019s rate.</p>',
        keywords:
          'commission, charges, cost of withdrawal, deposit fee, withdrawal fee, hidden fees, transfer fee, conversion fee, how much does it cost',
      },
      ru: {
        title: 'Есть ли комиссия за пополнение и вывод?',
        body: '<p>Мы не берём комиссию за пополнение. Один вывод в месяц бесплатный; следующие стоят 1% (не меньше 5 USD). Ваш банк или платёжная система могут взять свою комиссию, а конвертация валюты идёт по курсу дня.</p>',
        keywords:
          'комиссия, комиссии, плата за вывод, комиссия за пополнение, скрытые платежи, стоимость перевода, конвертация валюты, сколько стоит',
      },
      id: {
        title: 'Apakah ada biaya untuk deposit dan penarikan?',
        body: '<p>Kami tidak memungut biaya deposit. Satu penarikan per bulan gratis; penarikan berikutnya dikenai 1% (minimal 5 USD). Bank atau sistem pembayaran Anda mungkin mengenakan biaya sendiri, dan konversi mata uang memakai kurs hari itu.</p>',
        keywords:
          'komisi, potongan, biaya penarikan, biaya deposit, biaya tersembunyi, biaya transfer, biaya konversi, berapa biayanya',
      },
      ar: {
        title: 'هل توجد رسوم على الإيداع والسحب؟',
        body: '<p>لا نفرض أي رسوم على الإيداع. السحب الأول في الشهر مجاني، وما بعده برسوم 1% (بحد أدنى 5 دولارات). قد يفرض بنكك أو نظام الدفع رسومه الخاصة، ويتم تحويل العملة بسعر اليوم.</p>',
        keywords: 'عمولة، رسوم السحب، رسوم الإيداع، رسوم مخفية، تكلفة التحويل، رسوم تحويل العملة، كم التكلفة',
      },
    },
  },
  {
    category: 'deposits',
    slug: 'deposit-bonus',
    translations: {
      en: {
        title: 'How does the deposit bonus work?',
        body: '<p>The welcome bonus adds 20% to your first deposit, up to 500 USD. It is credited as trading credit: you can trade with it, but you can withdraw it only after trading 1 lot per 10 USD of bonus. A withdrawal before that removes the bonus.</p>',
        keywords:
          'welcome bonus, promotion, promo code, bonus conditions, credit bonus, withdraw bonus, first deposit bonus, free money',
      },
      ru: {
        title: 'Как работает бонус на депозит?',
        body: '<p>Приветственный бонус добавляет 20% к первому пополнению, до 500 USD. Он зачисляется как торговый кредит: с ним можно торговать, но вывести его можно только после оборота 1 лот на каждые 10 USD бонуса. Вывод средств до этого списывает бонус.</p>',
        keywords:
          'приветственный бонус, акция, промокод, условия бонуса, бонусные деньги, вывести бонус, бонус за первое пополнение',
      },
      id: {
        title: 'Bagaimana bonus deposit bekerja?',
        body: '<p>Bonus sambutan menambah 20% pada deposit pertama Anda, hingga 500 USD. Bonus dikreditkan sebagai kredit trading: Anda bisa bertrading dengannya, tetapi baru bisa ditarik setelah bertrading 1 lot per 10 USD bonus. Penarikan sebelum itu menghapus bonus.</p>',
        keywords:
          'bonus sambutan, promosi, kode promo, syarat bonus, kredit bonus, tarik bonus, bonus deposit pertama',
      },
      ar: {
        title: 'كيف تعمل مكافأة الإيداع؟',
        body: '<p>تضيف مكافأة الترحيب 20% إلى إيداعك الأول، بحد أقصى 500 دولار. تُضاف كرصيد تداول: يمكنك التداول بها، لكن لا يمكن سحبها إلا بعد تداول لوت واحد لكل 10 دولارات من المكافأة. السحب قبل ذلك يلغي المكافأة.</p>',
        keywords:
          'بونص، مكافأة الترحيب، عرض ترويجي، رمز ترويجي، شروط المكافأة، سحب البونص، مكافأة الإيداع الأول',
      },
    },
  },
];
