import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { components } from "@/lib/api/schema";
import { formatTime } from "@/lib/format/tokyo-time";
import { windowText } from "../remaining";
import "./day-codes.css";

type TrainingCodes = components["schemas"]["TrainingCodes"];

/** One code, full-screen, readable from the back of a hall or on a shared Zoom screen. */
export function Projection({ codes, kind }: { codes: TrainingCodes; kind: "start" | "end" }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const label = kind === "start" ? "開始番号" : "終了番号";
  const code = kind === "start" ? codes.start_code : codes.end_code;
  const w = kind === "start" ? codes.start_window : codes.end_window;

  return (
    <div className="projection" role="region" aria-label={`${label}の投影`}>
      <p className="projection-title">{codes.title}</p>
      <p className="projection-label">【{label}4ケタ】</p>
      <p className="projection-code" aria-label={code ? code.split("").join(" ") : "未設定"}>
        {code ?? "----"}
      </p>
      <p className="projection-how">マイページの{label}入力欄に入力してください</p>
      <p className="projection-window">
        入力できる時間 {formatTime(w.opens_at)}〜{formatTime(w.closes_at)}
        <span className="projection-remaining">{windowText(w.opens_at, w.closes_at, now)}</span>
      </p>
      <div className="projection-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void document.documentElement.requestFullscreen?.()}
        >
          全画面表示
        </button>
        <Link className="button button-secondary button-small" to={`/staff/trainings/${codes.training_id}/codes`}>
          閉じる
        </Link>
      </div>
    </div>
  );
}
