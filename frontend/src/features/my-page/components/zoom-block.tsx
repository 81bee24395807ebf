import type { MyPage } from "@/lib/api/types";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import "./my-page.css";

type Zoom = NonNullable<MyPage["training"]["zoom"]>;

/** Zoom ミーティング: the link and the codes to join, as the acknowledgement mail gives them. */
export function ZoomBlock({ zoom }: { zoom: Zoom }) {
  return (
    <section className="section" aria-labelledby="zoom-heading">
      <h2 id="zoom-heading">Zoom ミーティング</h2>
      <div className="card zoom-card">
        <p>
          <a className="button button-primary zoom-join" href={zoom.url} rel="noopener noreferrer">
            Zoomミーティングに参加する
          </a>
        </p>
        <dl className="facts facts-wide">
          <div>
            <dt>URL</dt>
            <dd>
              <a href={zoom.url} rel="noopener noreferrer" className="break-all">
                {zoom.url}
              </a>
            </dd>
          </div>
          {zoom.meeting_id && (
            <div>
              <dt>ミーティングID</dt>
              <dd>{zoom.meeting_id}</dd>
            </div>
          )}
          {zoom.passcode && (
            <div>
              <dt>パスコード</dt>
              <dd>{zoom.passcode}</dd>
            </div>
          )}
          <div>
            <dt>入室開始</dt>
            <dd>{formatWarekiDateTime(zoom.room_opens_at)}から</dd>
          </div>
        </dl>
        <p className="note">
          上記URLクリック後、主催者より入室手続きが行われるまでお待ちください。
          <br />
          ※Zoomのアプリをインストールされていない方は、研修の前に予めご準備ください。
          <br />
          ※Zoomの参加者名は、申込時の氏名にしてください。
        </p>
      </div>
    </section>
  );
}
