import type { supportCabinetEn } from './en';

export const supportCabinetRu: typeof supportCabinetEn = {
  nav: 'Поддержка',
  title: 'Чат с поддержкой',
  description: 'Напишите нашей поддержке: чат уже знает, кто вы, заполнять форму не нужно.',
  error: 'Не удалось открыть чат. Попробуйте чуть позже.',
};
