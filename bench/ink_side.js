// The ink side of bench/bench_ink.py: inkjs (npm, package-lock.json) compiling, loading and playing a story.
//
//   node bench/ink_side.js STORY.ink OUT.json REPEAT PLAYS
//
// Compiles STORY.ink with inkjs's compiler (timed once: it is the slow step), writes the compiled JSON to
// OUT.json, then times, best of REPEAT, `new Story(json text)` (what a game does at start: parse the JSON and
// build the runtime), and plays PLAYS playthroughs from the start choosing at random (a fixed linear
// congruential sequence, so runs are alike), counting choices. Prints one JSON object on stdout: wall and CPU
// milliseconds of each step (CPU is what a busy machine disturbs less).
"use strict";

const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const INKJS = path.join(__dirname, "..", "node_modules", "inkjs", "dist", "ink-full.js");
const { Compiler, Story } = require(INKJS);

function main() {
  const [source, out, repeat, plays] = process.argv.slice(2);
  const text = fs.readFileSync(source, "utf8");

  const compileCpu = process.cpuUsage();
  let start = performance.now();
  const compiler = new Compiler(text);
  let compiled = null;
  try {
    compiled = compiler.Compile();
  } catch (err) {
    compiled = null;
  }
  const compileMs = performance.now() - start;
  const compileUsed = process.cpuUsage(compileCpu);
  if (compiler.errors.length || !compiled) {
    process.stderr.write(`ink compile failed: ${compiler.errors.slice(0, 5).join("\n")}\n`);
    process.exit(1);
  }
  const json = compiled.ToJson();
  fs.writeFileSync(out, json);

  let loadMs = Infinity;
  let loadCpuMs = Infinity;
  let story = null;
  for (let i = 0; i < Number(repeat); i++) {
    const cpu = process.cpuUsage();
    start = performance.now();
    story = new Story(fs.readFileSync(out, "utf8"));
    loadMs = Math.min(loadMs, performance.now() - start);
    const used = process.cpuUsage(cpu);
    loadCpuMs = Math.min(loadCpuMs, (used.user + used.system) / 1000);
  }

  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  let choices = 0;
  let ended = 0;
  const playCpu = process.cpuUsage();
  start = performance.now();
  for (let p = 0; p < Number(plays); p++) {
    story.ResetState();
    story.state.storySeed = p;
    for (let guard = 0; guard < 100000; guard++) {
      story.ContinueMaximally();
      const options = story.currentChoices;
      if (options.length === 0) {
        ended++;
        break;
      }
      story.ChooseChoiceIndex(next() % options.length);
      choices++;
    }
  }
  const playMs = performance.now() - start;
  const playUsed = process.cpuUsage(playCpu);
  process.stdout.write(
    JSON.stringify({
      compile_ms: compileMs,
      compile_cpu_ms: (compileUsed.user + compileUsed.system) / 1000,
      load_ms: loadMs,
      load_cpu_ms: loadCpuMs,
      play_ms: playMs,
      play_cpu_ms: (playUsed.user + playUsed.system) / 1000,
      choices,
      ended,
      plays: Number(plays),
      json_bytes: Buffer.byteLength(json),
      warnings: compiler.warnings.length,
    }) + "\n",
  );
}

main();
