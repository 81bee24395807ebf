/** Pieces of text that may wrap between each other but never inside one. */
export function NoBreakParts({ parts, separator = " " }: { parts: string[]; separator?: string }) {
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && !parts[i - 1].endsWith("〜") && separator}
          <span className="nowrap">{part}</span>
        </span>
      ))}
    </>
  );
}
