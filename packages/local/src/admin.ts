/*
 * `npm run admin -- METHOD PATH [JSON]`: a signed admin call to the running local stack (see adminCall.ts).
 */
import { runAdminCall } from './adminCall.js';

runAdminCall(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run admin: ${(error as Error).message}`);
    process.exit(1);
  },
);
