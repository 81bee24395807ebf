/** The staff downloads of a training's 受講証明書 (fetched with the token by DownloadButton). */
export const trainingCertificatesZip = (trainingId: number) => `/api/v1/admin/trainings/${trainingId}/certificates.zip`;
export const trainingCertificatesPdf = (trainingId: number) => `/api/v1/admin/trainings/${trainingId}/certificates.pdf`;
