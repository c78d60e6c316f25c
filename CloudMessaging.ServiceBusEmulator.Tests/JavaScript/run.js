// Runs one scenario against the emulator and prints its result as one JSON line on stdout.
// Usage: SB_CONNECTION_STRING=... SB_ARGS='{"queue":"q1"}' node run.js <file>/<scenario>
"use strict";

const path = require("node:path");

async function main() {
  const [file, name] = (process.argv[2] ?? "").split("/");
  const scenarios = require(path.join(__dirname, "scenarios", `${file}.js`));
  const scenario = scenarios[name];
  if (typeof scenario !== "function") {
    throw new Error(`No scenario '${process.argv[2]}'.`);
  }

  const args = JSON.parse(process.env.SB_ARGS ?? "{}");
  const result = await scenario(process.env.SB_CONNECTION_STRING, args);
  process.stdout.write(JSON.stringify({ ok: true, result }) + "\n");
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stdout.write(JSON.stringify({ ok: false, error: describe(error) }) + "\n");
    process.exit(0);
  },
);

function describe(error) {
  return { name: error?.name, code: error?.code, message: String(error?.message ?? error) };
}
