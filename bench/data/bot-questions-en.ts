import type { LabelledQuestion } from './bot-questions.js';

/**
 * English: 20 questions the demo articles answer (`article` = the slug that answers it), 20 they do not
 * (null). Written as visitors write — not the titles, other words, typos now and then.
 */
export const BOT_QUESTIONS_EN: LabelledQuestion[] = [
  { text: 'How can I put money into my trading account?', article: 'how-to-deposit' },
  { text: 'Can I fund my account with a credit card?', article: 'how-to-deposit' },
  { text: 'how do i withdraw my profits', article: 'how-to-withdraw' },
  { text: 'How long does a withdrawal take to arrive?', article: 'how-to-withdraw' },
  { text: 'Do you charge a fee when I withdraw?', article: 'deposit-withdrawal-fees' },
  { text: 'What are the conditions of the welcome bonus?', article: 'deposit-bonus' },
  { text: 'Which documents do I need to upload for verification?', article: 'verify-identity' },
  { text: 'My proof of address was rejected, what should I send?', article: 'verify-identity' },
  { text: 'What is the difference between the Standard and Pro accounts?', article: 'account-types' },
  { text: 'Do you have an Islamic swap-free account?', article: 'account-types' },
  { text: 'I want to practise first, can I get a demo account?', article: 'demo-account' },
  { text: 'MT5 says invalid account when I try to log in', article: 'platform-login' },
  { text: 'I forgot my password for the cabinet', article: 'reset-password' },
  { text: 'What are your support working hours?', article: 'contact-support' },
  { text: 'How do I change my leverage to 1:100?', article: 'leverage' },
  { text: 'What is the maximum leverage?', article: 'leverage' },
  { text: 'Why is the spread on gold so wide?', article: 'spreads' },
  { text: 'Why was I charged a swap overnight?', article: 'swap' },
  { text: 'Why were my positions closed automatically? Stop out?', article: 'margin-call' },
  { text: 'Is the market open on the weekend?', article: 'market-hours' },

  { text: 'Can I open a joint account with my wife?', article: null },
  { text: 'Do you offer copy trading?', article: null },
  { text: 'What do you think EUR/USD will do tomorrow?', article: null },
  { text: 'Is there an iPhone app?', article: null },
  { text: 'Where is your office in London?', article: null },
  { text: 'Can I trade options with you?', article: null },
  { text: 'How do I become an introducing broker and earn commission on referrals?', article: null },
  { text: 'How do I close my account for good?', article: null },
  { text: 'What is the weather like in Cyprus?', article: null },
  { text: 'Tell me a joke', article: null },
  { text: 'Which regulator licenses your company?', article: null },
  { text: 'Do you offer crypto staking?', article: null },
  { text: 'How can I change the email address on my profile?', article: null },
  { text: 'Is my money protected if the company goes bankrupt?', article: null },
  { text: 'Do I have to pay tax on my trading profits?', article: null },
  { text: 'How do I install an expert advisor in the terminal?', article: null },
  { text: 'Do you accept clients from the United States?', article: null },
  { text: 'Can I transfer my positions from another broker?', article: null },
  { text: 'Are you hiring?', article: null },
  { text: 'What is the capital of Australia?', article: null },
];
