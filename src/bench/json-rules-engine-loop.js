// What json-rules-engine, the rules engine of the Node.js reference the issue-18 benchmarks compare
// peacepath with, costs a run at the least: engines of 1, 5, 10 and 20 rules of one condition each over as
// many facts, each run in a loop, CPU time of the process a run. The Sigal rule set (19 rules, some of two
// to five conditions, over 19 steps) would cost an engine more than as many one-condition rules. Beside the
// Node floor (nodefloor.sh), it helps estimate what a Node implementation of peacepath's API costs a decision.
// Fetch the engine into a folder of its own, and run from the project folder:
//   npm install --prefix /tmp/jre json-rules-engine@7.3.1
//   NODE_PATH=/tmp/jre/node_modules node src/bench/json-rules-engine-loop.js
'use strict';
const { Engine } = require('json-rules-engine');

(async () => {
  for (const rules of [1, 5, 10, 20]) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    const facts = {};
    for (let i = 0; i < rules; i++) {
      engine.addRule({ conditions: { all: [{ fact: 'step' + i, operator: 'equal', value: 0 }] },
        event: { type: 'blocked', params: { rule: 'rule' + i } } });
      facts['step' + i] = i % 2; // half the rules fire
    }
    const runs = 20000;
    for (let round = 1; round <= 4; round++) {
      const before = process.cpuUsage();
      for (let i = 0; i < runs; i++) {
        await engine.run(facts);
      }
      const used = process.cpuUsage(before);
      console.log(`${rules} rule(s), round ${round}: ${((used.user + used.system) / runs).toFixed(1)} µs a run`);
    }
  }
})();
