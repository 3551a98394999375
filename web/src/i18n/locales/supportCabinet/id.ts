import type { supportCabinetEn } from './en';

export const supportCabinetId: typeof supportCabinetEn = {
  nav: 'Dukungan',
  title: 'Chat dukungan',
  description: 'Tulis ke tim dukungan kami; chat sudah mengenali Anda, jadi tidak perlu mengisi formulir.',
  error: 'Chat tidak dapat dibuka. Coba lagi sebentar lagi.',
};
