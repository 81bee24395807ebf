import { z } from "zod/mini";

/** Build-time settings (`VITE_*`), checked once at start-up. */
const envSchema = z.object({
  VITE_SITE_NAME: z._default(z.string().check(z.minLength(1)), "研修予約システム"),
  VITE_ORGANISER_NAME: z._default(z.string(), ""),
  VITE_MAIL_FROM: z._default(z.string(), ""),
});

const env = envSchema.parse(import.meta.env);

export const config = {
  siteName: env.VITE_SITE_NAME,
  organiserName: env.VITE_ORGANISER_NAME,
  mailFrom: env.VITE_MAIL_FROM,
} as const;
