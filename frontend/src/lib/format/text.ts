/** Half-width katakana U+FF61–U+FF9F as full-width, in code-point order. */
const WIDE_KANA = [..."。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"];
const VOICED = "カキクケコサシスセソタチツテトハヒフヘホ";
const SEMI_VOICED = "ハヒフヘホ";

/**
 * One line of text as the server will store it (crates/domain/src/text/width.rs,
 * `fold_text_width`): half-width katakana widened with their voiced marks (ｹｱﾏﾈｼﾞｬｰ →
 * ケアマネジャー), full-width letters and digits narrowed (ＣＭ２ → CM2), the ideographic
 * space and runs of spaces folded to one space, trimmed. Punctuation keeps its width.
 */
export function storedText(value: string): string {
  let out = "";
  for (const c of value) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0xff61 && code <= 0xff9f) {
      const wide = WIDE_KANA[code - 0xff61];
      const last = [...out].pop() ?? "";
      let joined: string | null = null;
      if (wide === "゛" && last === "ウ") joined = "ヴ";
      else if (wide === "゛" && last && VOICED.includes(last)) joined = String.fromCodePoint(last.codePointAt(0)! + 1);
      else if (wide === "゜" && last && SEMI_VOICED.includes(last)) joined = String.fromCodePoint(last.codePointAt(0)! + 2);
      out = joined ? out.slice(0, out.length - last.length) + joined : out + wide;
      continue;
    }
    let folded = c;
    if (/[０-９Ａ-Ｚａ-ｚ]/u.test(c)) folded = String.fromCodePoint(code - 0xfee0);
    else if (c === "\u3000") folded = " ";
    if (folded === " " && out.endsWith(" ")) continue;
    out += folded;
  }
  return out.trim();
}

/** Characters as the server counts them: 𠮷 is one. */
export const charCount = (value: string) => [...value].length;
