import { expect, type APIRequestContext } from "@playwright/test";

/** A mail as maildev's HTTP API (`GET /api/email`) lists it. */
export interface Mail {
  to: { address: string; name?: string }[];
  subject: string;
  text?: string;
  html?: string;
}

/**
 * Waits for the mail sink to hold a mail to `address` (whose subject matches `subject`, where
 * several mails go to one address and may arrive in any order) and returns the newest one.
 */
export async function waitForMail(
  request: APIRequestContext,
  maildev: string,
  address: string,
  subject?: RegExp,
): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${maildev.replace(/\/$/, "")}/api/email`);
        if (!res.ok()) return false;
        const mails = (await res.json()) as Mail[];
        found = mails
          .filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()))
          .filter((m) => !subject || subject.test(m.subject))
          .at(-1);
        return found !== undefined;
      },
      { message: `a mail to ${address}${subject ? ` about ${subject}` : ""}`, timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/** The My Page and cancellation links of the acknowledgement mail. */
export function linksOf(mail: Mail): { myPage: string; cancel: string } {
  const text = `${mail.text ?? ""}\n${mail.html ?? ""}`;
  const urls = text.match(/https?:\/\/[^\s<>"'）)]+/g) ?? [];
  const myPage = urls.find((u) => /\/me\/[A-Za-z0-9_-]+$/.test(u));
  const cancel = urls.find((u) => /\/me\/[A-Za-z0-9_-]+\/cancel$/.test(u));
  expect(myPage, `My Page URL in:\n${mail.text}`).toBeDefined();
  expect(cancel, `cancellation URL in:\n${mail.text}`).toBeDefined();
  return { myPage: myPage!, cancel: cancel! };
}
