// Builds a summary's DOCX off the server's main thread (see writeSummaryDocx in
// summary-docx.server.ts). Plain JavaScript, so that Node runs it as it is, from the sources or
// beside the server build; it loads the TypeScript module through tsx, as the server itself runs.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { renderSummaryDocx } = await tsImport("./summary-docx.server.ts", import.meta.url);
const bytes = await renderSummaryDocx(workerData);
parentPort.postMessage(bytes);
