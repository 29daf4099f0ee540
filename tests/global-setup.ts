import { buildIfNeeded } from "../scripts/build-if-needed";

// HTTP and browser tests run against the real production build.
export default function setup() {
  buildIfNeeded();
}
