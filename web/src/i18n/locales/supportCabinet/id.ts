import type { supportCabinetEn } from './en';

export const supportCabinetId: typeof supportCabinetEn = {
  nav: 'Dukungan',
  title: 'Chat dukungan',
  description: 'Tulis ke tim dukungan kami; chat sudah mengenali Anda, jadi tidak perlu mengisi formulir.',
  error: 'Chat tidak dapat dibuka. Coba lagi sebentar lagi.',
  callback: {
    title: 'Minta ditelepon balik',
    description: 'Tinggalkan nomor Anda dan kami akan menelepon dalam bahasa Anda.',
    number: 'Nomor telepon',
    numberHint: 'Dengan kode negara. Kosongkan untuk memakai nomor di profil Anda.',
    when: 'Waktu yang diinginkan (opsional)',
    send: 'Minta telepon',
    done: 'Terima kasih! Kami akan menelepon Anda di {{number}}.',
  },
};
