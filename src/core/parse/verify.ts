/**
 * How many syntax errors a text has in a language, so that fixes can be checked before they are kept.
 * Tree-sitter languages are built in; other front ends (SQL, YAML, JSON) register their own counter.
 */
import type { LanguageId } from '../model/types';
import { grammarOf } from '../engine/file';
import { countErrors, isGrammarLoaded, parseWith } from './treesitter';

type ErrorCounter = (text: string) => number;
const counters = new Map<LanguageId, ErrorCounter>();

export function registerErrorCounter(language: LanguageId, counter: ErrorCounter): void {
  counters.set(language, counter);
}

/** Number of syntax errors, or undefined when the language has no checker (the fix is then trusted). */
export function syntaxErrorCount(language: LanguageId, text: string): number | undefined {
  const custom = counters.get(language);
  if (custom) return custom(text);
  const g = grammarOf(language);
  if (!g || !isGrammarLoaded(g)) return undefined;
  const tree = parseWith(g, text);
  try {
    return countErrors(tree);
  } finally {
    tree.delete();
  }
}
