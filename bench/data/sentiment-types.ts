/** A labelled message for bench/sentiment.ts: what a person reading it would flag. */
export interface SentimentSample {
  text: string;
  /** positive and neutral expect no flag; negative and very_negative expect that flag. */
  label: 'positive' | 'neutral' | 'negative' | 'very_negative';
}
