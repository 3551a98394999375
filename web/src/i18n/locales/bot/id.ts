import type { botEn } from './en';

export const botId: typeof botEn = {
  tab: 'Bot',
  settings: {
    hint: 'Bot FAQ menjawab chat baru di widget dan kabinet dari artikel pusat bantuan yang diterbitkan, mengatakan bahwa ia bot, dan meneruskan ke petugas bila diminta, bila ragu, setelah dua jawaban yang tidak membantu, atau bila pengunjung terdengar kesal.',
    enabled: 'Bot menjawab chat baru lebih dulu',
    enabledHint: 'Mati: chat baru langsung ke agen.',
    threshold: 'Ambang keyakinan',
    thresholdHint:
      'Bot menjawab dengan artikel hanya di atas keyakinan ini; di bawahnya, ia meneruskan ke petugas.',
    thresholdRange: 'Bilangan bulat dari 0 sampai 100',
    saved: 'Pengaturan bot disimpan',
  },
  message: {
    badge: 'Bot',
    article: 'Artikel: {{title}}',
  },
};
