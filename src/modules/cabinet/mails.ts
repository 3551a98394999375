import type { OutgoingMail } from '../../integrations/mail/mailer.js';

// The emails a trader receives from the cabinet. Every link is built from the configured public URL
// (BASE_URL), never from the request's Host header, so a forged Host cannot redirect a token.

type Mail = Omit<OutgoingMail, 'to'>;

export function confirmEmailMail(baseUrl: string, name: string, token: string): Mail {
  const link = `${baseUrl}/cabinet/confirm?token=${encodeURIComponent(token)}`;
  return {
    sensitive: true,
    subject: 'Confirm your email address',
    text: [
      `Hello ${name},`,
      '',
      'Welcome to your trading cabinet. Please confirm your email address by opening this link within 48 hours:',
      '',
      link,
      '',
      'If you did not register, you can ignore this message.',
    ].join('\n'),
  };
}

export function resetPasswordMail(baseUrl: string, name: string, token: string): Mail {
  const link = `${baseUrl}/cabinet/reset?token=${encodeURIComponent(token)}`;
  return {
    sensitive: true,
    subject: 'Reset your cabinet password',
    text: [
      `Hello ${name},`,
      '',
      'Someone asked to reset the password of your trading cabinet. To choose a new password, open this link within one hour:',
      '',
      link,
      '',
      'If it was not you, ignore this message: your password stays as it is.',
    ].join('\n'),
  };
}

export const CABINET_READY_SUBJECT = 'Your trading cabinet is ready';

/** Sent when a manager opens the cabinet: the generated password travels only in this email. */
export function cabinetReadyMail(baseUrl: string, name: string, login: string, password: string): Mail {
  return {
    sensitive: true,
    subject: CABINET_READY_SUBJECT,
    text: [
      `Hello ${name},`,
      '',
      'Your trading cabinet has been opened. Sign in here:',
      '',
      `${baseUrl}/cabinet/login`,
      '',
      `Login: ${login}`,
      `Password: ${password}`,
      '',
      'Signing in with this password also confirms this email address.',
      'Please change this password after your first sign-in (Profile → Change password).',
    ].join('\n'),
  };
}
