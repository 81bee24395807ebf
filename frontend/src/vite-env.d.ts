/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_SITE_NAME?: string;
  readonly VITE_ORGANISER_NAME?: string;
  readonly VITE_MAIL_FROM?: string;
}
