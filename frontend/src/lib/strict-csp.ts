import { z } from "zod/mini";

/*
 * The server sends a Content-Security-Policy without 'unsafe-eval'. zod probes for
 * `new Function` to compile fast parsers; under the policy the probe is blocked and reported
 * as a violation. Imported first by main.tsx, before any schema is parsed.
 */
z.config({ jitless: true });
