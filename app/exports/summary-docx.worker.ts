// Builds a summary's DOCX off the server's main thread (see writeSummaryDocx in
// summary-docx.server.ts). Compiled by `npm run build` into build/runtime/ (ADR 022), from where
// the server and the tests start it.
import { parentPort, workerData } from "node:worker_threads";
import { renderSummaryDocx, type SummaryData } from "./summary-docx.server";

const bytes = await renderSummaryDocx(workerData as SummaryData);
parentPort!.postMessage(bytes);
