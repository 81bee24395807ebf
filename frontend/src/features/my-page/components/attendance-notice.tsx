import "./my-page.css";
/**
 * 研修に参加する: the start-code box as the seed shows it before the room opens. Entering the
 * codes comes with the attendance feature; until then the box is shown disabled.
 */
export function AttendanceNotice({ startsAt }: { startsAt: string }) {
  if (Date.parse(startsAt) <= Date.now()) return null;
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">研修に参加する</h2>
      <div className="card attendance-card">
        <label className="field-label" htmlFor="attendance-start-code">
          開始番号入力欄
        </label>
        <input
          id="attendance-start-code"
          type="text"
          inputMode="numeric"
          disabled
          aria-describedby="attendance-start-code-note"
          placeholder="例）1234"
        />
        <p className="field-hint" id="attendance-start-code-note">
          ※現在入力できません。開始番号4ケタを入力できません。研修開始30分前までお待ちください。
        </p>
      </div>
    </section>
  );
}
