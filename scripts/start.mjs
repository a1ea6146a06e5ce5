// `npm start`: builds the web app when no build exists, then starts the server.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (args) => {
  const result = spawnSync("npm", args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(new URL("../apps/web/dist/index.html", import.meta.url))) {
  console.log("Building the web app (first start only)…");
  run(["run", "--silent", "build", "-w", "@michi/web"]);
}
run(["run", "--silent", "start", "-w", "@michi/server"]);
