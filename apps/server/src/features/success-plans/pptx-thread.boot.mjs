// The PowerPoint worker's entry: a worker thread does not take the tsx loader Michi runs
// under, so it registers tsx before it loads the TypeScript (pptx-thread.ts).
import { register } from "tsx/esm/api";

register();
const thread = await import("./pptx-thread.ts");
export default thread.default;
