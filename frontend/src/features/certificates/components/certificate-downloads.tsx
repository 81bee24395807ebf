import { DownloadButton } from "@/components/ui/download-button";
import { trainingCertificatesPdf, trainingCertificatesZip } from "../api/training-certificates";

/** 受講証明書の一括ダウンロード: a ZIP of one PDF each, or one PDF for printing. */
export function CertificateDownloads({ trainingId }: { trainingId: number }) {
  return (
    <section className="card certificate-downloads" aria-labelledby="certificate-downloads-title">
      <h2 id="certificate-downloads-title">受講証明書</h2>
      <p className="muted">
        発行できる方（出席・受講確認が済んだ方）の受講証明書をまとめてダウンロードします。未発行の方にはこのとき番号が付きます。
      </p>
      <p className="actions">
        <DownloadButton url={trainingCertificatesZip(trainingId)} filename={`受講証明書_研修${trainingId}.zip`}>
          ZIPでダウンロード
        </DownloadButton>{" "}
        <DownloadButton url={trainingCertificatesPdf(trainingId)} filename={`受講証明書_研修${trainingId}.pdf`}>
          印刷用PDF（1ファイル）
        </DownloadButton>
      </p>
    </section>
  );
}
