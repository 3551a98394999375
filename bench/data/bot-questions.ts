/** A benchmark question: the demo article's slug that answers it, or null when none does. */
export interface LabelledQuestion {
  text: string;
  article: string | null;
}
