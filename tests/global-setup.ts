import { buildIfNeeded } from "../scripts/build.mjs";

// HTTP and browser tests run against the real production build, and every test that writes a
// DOCX runs its compiled worker.
export default async function setup() {
  await buildIfNeeded();
}
