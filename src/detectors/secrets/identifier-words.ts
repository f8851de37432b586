// Tells camelCase names (`refreshTokenPath`, `parseHTTPResponse`) from random
// mixed-case letters. A name is a run of words whose adjacent letters pair up
// the way English spelling does. Random letters use uncommon pairs such as
// `qz` or `vx` in about two of every three positions.

// Letter pairs that make up at least 0.03% of the pairs inside the words of
// the identifiers in TypeScript 5.9's lib.dom.d.ts and lib.es5.d.ts: 246 of
// the 676 possible pairs, which cover the spelling of common English words.
const COMMON_PAIRS = new Set(
  (
    'ab ac ad ag ai al am an ap ar as at au av ay ba be bi bj bl bo bs bu by ca cc ce ch ci ' +
    'ck cl co cr cs ct cu cy da dd de di dl do dr ds dt du ea eb ec ed ee ef eg ei el em en ' +
    'eo ep eq er es et ev ew ex ey fa fe ff fi fl fn fo fr fs fu ga ge gh gi gl gn gr gt gu ' +
    'ha he hi ho ht ia ib ic id ie if ig il im in io ip ir is it iv ix iz je ke ki la lb le ' +
    'li ll lo ls lt lu ly ma mb me mi mo mp mu na nc nd ne nf ng ni nl nn no np ns nt nu nv ' +
    'ny oa ob oc od of og oi ol om on oo op or os ot ou ov ow oz pa pe pi pl po pp pr ps pt ' +
    'pu qu ra rc rd re rf rg ri rk rm rn ro rr rs rt ru rv ry sa sc se sf sh si so sp ss st ' +
    'su sy ta te th ti to tp tr ts tt tu ty ua ub uc ud ue uf ui ul um un up ur us ut va ve ' +
    'vi vo wa we wh wi wo xt yl yo yp ys ze zi'
  ).split(' '),
);

const WORD = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g;
const ACRONYM = /^[A-Z]+$/;

/** Splits a camelCase or PascalCase identifier into its words: `getXMLValue` gives get, XML, Value. */
export function camelCaseWords(value: string): string[] {
  return value.match(WORD) ?? [];
}

// NOTE: about 5 in 10,000 random 24-letter values still read as names (50,000
// samples), and abbreviation-heavy names such as `htmlSrc` read as random.
/**
 * Tests whether letters-only text starting in lower case reads as a camelCase
 * name. Random letters switch case about every other character, so their
 * words are short. Acronyms (at most two, of at most five capitals) are
 * skipped. Inside the other words at most two letter pairs, or 30% of them,
 * may be uncommon, which admits abbreviations such as `db`, `xml` or `sql`.
 */
export function looksLikeCamelCaseName(value: string): boolean {
  if (!/^[a-z][A-Za-z]*$/.test(value) || value.length > 128) return false;
  const words = camelCaseWords(value);
  // Random letters switch case about every other character, so their words average two letters.
  if (value.length >= 12 && value.length < 3 * words.length) return false;
  // Words of one or two letters (`isNaN`, `getXCoordinate`, `userId`) are rare in names, common in random text.
  if (words.slice(1).filter((word) => word.length <= 2).length > 2) return false;
  const acronyms = words.filter((word) => ACRONYM.test(word));
  if (acronyms.length > 2 || acronyms.some((word) => word.length > 5)) return false;
  let pairs = 0;
  let uncommon = 0;
  for (const word of words) {
    if (ACRONYM.test(word)) continue;
    const lower = word.toLowerCase();
    for (let i = 0; i + 1 < lower.length; i += 1) {
      pairs += 1;
      if (!COMMON_PAIRS.has(lower.slice(i, i + 2))) uncommon += 1;
    }
  }
  return uncommon <= Math.max(2, 0.3 * pairs);
}
