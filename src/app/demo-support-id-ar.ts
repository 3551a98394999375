// Demo support conversations (src/app/demo-support-data.ts lists them all).
import type { DemoConversation } from './demo-support-data.js';

const DAY = 1440;

/** In Indonesian and Arabic. */
export const ID_AR: DemoConversation[] = [
  // ── Indonesian ──
  {
    channel: 'chat',
    language: 'id',
    client: 0,
    agent: 'putri',
    ago: 4,
    lines: [
      ['c', 0, 'Halo, saya sudah transfer lewat BCA tapi saldo belum masuk.'],
      ['a', 1, 'Halo! Mohon kirim bukti transfernya, saya cek segera.'],
      [
        'c',
        3,
        'Ini mutasi rekening saya',
        {
          name: 'mutasi-rekening.csv',
          text: 'tanggal,keterangan,jumlah\n2026-12-07,TRF KE BROKERDESK,15000000\n',
        },
      ],
    ],
    tags: ['deposit'],
  },
  {
    channel: 'email',
    language: 'id',
    subject: 'Spread EURUSD',
    client: 1,
    agent: 'putri',
    ago: DAY,
    lines: [
      ['c', 0, 'Berapa spread EURUSD di akun standar?'],
      ['a', 40, 'Spread EURUSD di akun standar mulai 0,8 pip, tanpa komisi.'],
      ['c', 60, 'Terima kasih atas infonya.'],
    ],
    status: 'resolved',
    csat: [5, 'Sangat membantu!'],
  },
  {
    channel: 'chat',
    language: 'id',
    contact: { name: 'Rina' },
    agent: 'putri',
    ago: 500,
    lines: [
      ['c', 0, 'Bagaimana cara membuka akun demo?'],
      ['a', 1, 'Masuk ke kabinet, pilih Akun → Buka akun demo. Saldonya 10.000 USD virtual.'],
    ],
    status: 'resolved',
    csat: [4],
  },
  {
    channel: 'cabinet',
    language: 'id',
    subject: 'Penarikan ditolak',
    client: 2,
    agent: 'putri',
    ago: 200,
    lines: [
      ['c', 0, 'Penarikan saya ditolak, kenapa?'],
      ['n', 5, 'Ditolak karena nama pemilik rekening bank berbeda dengan nama akun.'],
      [
        'a',
        10,
        'Penarikan ditolak karena nama pemilik rekening berbeda. Mohon gunakan rekening atas nama Anda sendiri.',
      ],
    ],
    status: 'pending',
    tags: ['withdrawal'],
    complaint: {
      category: 'withdrawal',
      product: 'payments',
      amountAtStake: 25_000,
      currency: 'USD',
      desiredOutcome: 'Penarikan 250 USD diproses',
      description: 'Penarikan 250 USD ditolak tanpa pemberitahuan sebelumnya.',
      finalResponse: {
        outcome: 'rejected',
        body:
          'Kami telah memeriksa penarikan Anda. Nama pemilik rekening bank berbeda dengan nama akun, ' +
          'sehingga sesuai kebijakan anti pencucian uang penarikan tidak dapat diproses. Silakan ajukan ' +
          'penarikan ke rekening atas nama Anda sendiri.',
      },
    },
  },
  {
    channel: 'email',
    language: 'id',
    subject: 'Bonus deposit',
    contact: { name: 'Agus Setiawan', email: 'agus.setiawan@example.co.id' },
    ago: 60,
    lines: [['c', 0, 'Apakah ada bonus untuk deposit pertama bulan ini?']],
  },
  {
    channel: 'chat',
    language: 'id',
    client: 3,
    agent: 'support',
    ago: 3 * DAY,
    lines: [
      ['c', 0, 'Jam berapa pasar buka hari Senin?'],
      ['a', 1, 'Pasar forex buka Senin pukul 04:00 WIB.'],
    ],
    status: 'closed',
  },
  {
    channel: 'email',
    language: 'id',
    subject: 'Laporan untuk pajak',
    client: 4,
    agent: 'putri',
    ago: 150,
    lines: [
      ['c', 0, 'Saya butuh laporan transaksi tahunan untuk pajak.'],
      ['a', 30, 'Laporan tahunan akan kami kirim setelah tutup buku akhir bulan ini.'],
    ],
    status: 'snoozed',
    snoozeHours: 20,
  },
  {
    channel: 'chat',
    language: 'id',
    contact: { name: 'Bayu' },
    agent: 'putri',
    ago: 20,
    lines: [
      ['c', 0, 'Apakah bisa trading saham AS?'],
      ['a', 1, 'Bisa, ada 120 saham AS sebagai CFD.'],
      ['c', 2, 'Oke, komisinya berapa?'],
      ['a', 4, 'Tanpa komisi, hanya spread.'],
    ],
  },
  // ── Arabic ──
  {
    channel: 'chat',
    language: 'ar',
    client: 0,
    agent: 'yusuf',
    ago: 15,
    lines: [
      ['c', 0, 'مرحباً، هل يمكنني فتح حساب إسلامي بدون فوائد تبييت؟'],
      ['a', 2, 'أهلاً بك! نعم، نوفر حسابات خالية من فوائد التبييت. سأرسل لك النموذج الآن.'],
    ],
    tags: ['account-type'],
  },
  {
    channel: 'email',
    language: 'ar',
    subject: 'طلب سحب',
    client: 1,
    agent: 'yusuf',
    ago: 2000,
    lines: [
      ['c', 0, 'أرسلت طلب سحب بقيمة 1000 دولار، متى يصل المبلغ؟'],
      ['a', 60, 'تمت معالجة طلبك، وسيصل المبلغ خلال يومي عمل.'],
      ['c', 1500, 'وصل المبلغ، شكراً جزيلاً'],
    ],
    status: 'resolved',
    csat: [5, 'خدمة ممتازة'],
    tags: ['withdrawal'],
  },
  {
    channel: 'cabinet',
    language: 'ar',
    subject: 'لا أستطيع تسجيل الدخول',
    client: 2,
    agent: 'yusuf',
    ago: 400,
    lines: [
      ['c', 0, 'لا أستطيع تسجيل الدخول إلى منصة التداول.'],
      ['a', 20, 'يرجى إعادة تعيين كلمة مرور المنصة من صفحة الحساب في البوابة ثم المحاولة مجدداً.'],
    ],
    status: 'pending',
  },
  {
    channel: 'email',
    language: 'ar',
    subject: 'استفسار عن الرافعة المالية',
    contact: { name: 'خالد العلي', email: 'khalid.ali@example.ae' },
    ago: 90,
    lines: [['c', 0, 'ما هي أعلى رافعة مالية متاحة على الذهب؟']],
  },
  {
    channel: 'chat',
    language: 'ar',
    contact: { name: 'سارة' },
    agent: 'yusuf',
    ago: 2 * DAY + 100,
    lines: [
      ['c', 0, 'هل تقبلون الإيداع عن طريق التحويل البنكي؟'],
      ['a', 1, 'نعم، التفاصيل في صفحة الإيداع داخل البوابة.'],
    ],
    status: 'closed',
  },
];
