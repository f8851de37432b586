import type { Severity } from '../../model/types.js';
import { defineDetector, type Detector, type DetectorMeta } from '../define.js';
import { anchoredLineIndexes, declareAnchor, type LiteralAnchor } from '../literal-scan.js';
import { addedTextOf, lineIndexesMatching } from './added-text.js';
import { scanTexts, type ScanText } from './scan-text.js';
import { isPlausibleSecret } from './values.js';

/** What a pattern's check decided about one match. */
export interface TokenVerdict {
  messageId?: string;
  severity?: Severity;
  data?: Record<string, string | number>;
}

export interface TokenPattern {
  /** A global regular expression; the named group `secret`, when present, is the reported value. */
  regex: RegExp;
  messageId: string;
  /**
   * A global pattern for literal text that every match of `regex` contains
   * outside its lookarounds, with the same case sensitivity. Lines without it
   * skip this pattern.
   */
  anchor?: RegExp;
  /**
   * True when the anchor is on the line before a match instead of the matched
   * line, for values written on the line after their option (`curl -u \`).
   */
  anchorOnPreviousLine?: boolean;
  /** Return false to drop the match, or a verdict to adjust it. */
  check?(value: string, match: RegExpExecArray, text: ScanText, lineIndex: number): boolean | TokenVerdict;
}

export interface TokenDetectorSpec {
  meta: Omit<DetectorMeta, 'category'>;
  keywords: readonly string[];
  patterns: readonly TokenPattern[];
}

// Lines longer than this (minified bundles) are scanned in overlapping windows
// so no pattern ever runs over megabytes at once.
const WINDOW = 64 * 1024;
const OVERLAP = 1024;

function* windowsOf(text: string): Generator<{ text: string; offset: number }> {
  if (text.length <= WINDOW) {
    yield { text, offset: 0 };
    return;
  }
  for (let offset = 0; offset < text.length; offset += WINDOW - OVERLAP) {
    yield { text: text.slice(offset, offset + WINDOW), offset };
  }
}

// Anchors that start with a literal are found in the shared literal pass.
const literalAnchors = new WeakMap<RegExp, LiteralAnchor | null>();

function anchoredLines(text: ScanText, pattern: TokenPattern): Set<number> | null {
  if (!pattern.anchor) return null;
  const added = addedTextOf(text.lines);
  const anchor = literalAnchors.get(pattern.anchor);
  const indexes = anchor ? anchoredLineIndexes(added, anchor) : lineIndexesMatching(added, pattern.anchor);
  if (!pattern.anchorOnPreviousLine) return new Set(indexes);
  return new Set(indexes.map((index) => index + 1).filter((index) => index < text.lines.length));
}

function unionOf(sets: ReadonlyArray<Set<number>>): number[] {
  if (sets.length === 1) return [...sets[0]!];
  const union = new Set<number>();
  for (const set of sets) for (const index of set) union.add(index);
  return [...union].sort((a, b) => a - b);
}

/**
 * Defines a detector for credentials with a recognisable shape (a vendor
 * prefix, a fixed length). Every match is judged on its whole value, so
 * placeholders and vendor documentation examples are dropped before `check`.
 */
export function defineTokenDetector(spec: TokenDetectorSpec): Detector {
  for (const { anchor } of spec.patterns) {
    if (anchor && !literalAnchors.has(anchor)) literalAnchors.set(anchor, declareAnchor(anchor));
  }
  return defineDetector({
    meta: { ...spec.meta, category: 'secret' },
    keywords: spec.keywords,
    run(context) {
      for (const text of scanTexts(context.commit)) {
        // For each pattern, the lines that contain its anchor, or null to read every line.
        const anchored = spec.patterns.map((pattern) => anchoredLines(text, pattern));
        const lineIndexes = anchored.includes(null)
          ? text.lines.keys()
          : unionOf(anchored as Set<number>[]);
        for (const lineIndex of lineIndexes) {
          const line = text.lines[lineIndex]!;
          const seen = new Set<string>();
          for (const window of windowsOf(line.text)) {
            spec.patterns.forEach((pattern, patternIndex) => {
              if (anchored[patternIndex]?.has(lineIndex) === false) return;
              pattern.regex.lastIndex = 0;
              for (const match of window.text.matchAll(pattern.regex)) {
                const value = match.groups?.secret ?? match[0];
                const key = `${window.offset + match.index}:${value}`;
                if (seen.has(key) || !isPlausibleSecret(value)) continue;
                seen.add(key);
                const verdict = pattern.check ? pattern.check(value, match, text, lineIndex) : true;
                if (verdict === false) continue;
                const extra = verdict === true ? {} : verdict;
                context.report({
                  messageId: extra.messageId ?? pattern.messageId,
                  data: extra.data,
                  severity: extra.severity,
                  file: text.path,
                  line: line.line,
                  match: value,
                });
              }
            });
          }
        }
      }
    },
  });
}
