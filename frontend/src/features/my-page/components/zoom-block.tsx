import { Fact, FactList } from "@/components/ui/facts";
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
        <FactList className="facts-wide">
          <Fact label="URL">
            <a href={zoom.url} rel="noopener noreferrer" className="break-all">
              {zoom.url}
            </a>
          </Fact>
          {zoom.meeting_id && (
            <Fact label="ミーティングID">{zoom.meeting_id}</Fact>
          )}
          {zoom.passcode && (
            <Fact label="パスコード">{zoom.passcode}</Fact>
          )}
          <Fact label="入室開始">{formatWarekiDateTime(zoom.room_opens_at)}から</Fact>
        </FactList>
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
