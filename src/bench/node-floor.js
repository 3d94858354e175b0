// The floor under a Node.js server of peacepath's API (started by src/bench/nodefloor.sh): what Node's own
// HTTP server costs a request of a decision's size, with no rules run. The first time it sees a request
// (method, path and body) it asks peacepath, on UPSTREAM_PORT, and keeps the answer as parsed JSON; from
// then on it reads and parses each body and answers with the kept answer written out again
// (JSON.stringify), as any server that builds its answer as an object must. Keeping the answers costs it a
// lookup a request keyed by the whole body, which a real server would not do: the floor reads a little high
// for that. Not a server to use.
//   node src/bench/node-floor.js PORT UPSTREAM_PORT
'use strict';
const http = require('http');

const [port, upstream] = process.argv.slice(2).map(Number);
if (!port || !upstream) {
  console.error('usage: node src/bench/node-floor.js PORT UPSTREAM_PORT');
  process.exit(2);
}
const kept = new Map(); // method, path and body -> { status, answer }

function ask(req, body) {
  return new Promise((resolve, reject) => {
    const asked = http.request({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url,
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, res => {
      const chunks = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, answer: JSON.parse(Buffer.concat(chunks).toString()) });
        } catch (e) {
          reject(new Error('peacepath did not answer ' + req.method + ' ' + req.url + ' with JSON: ' + e.message));
        }
      });
    });
    asked.on('error', reject);
    asked.end(body);
  });
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const text = body.toString();
    if (text.length > 0) {
      try {
        JSON.parse(text); // as a server must before it can decide
      } catch (e) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('the body is not JSON: ' + e.message);
        return;
      }
    }
    const key = req.method + ' ' + req.url + ' ' + text;
    let found = kept.get(key);
    if (!found) {
      try {
        found = await ask(req, body);
      } catch (e) {
        res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(e));
        return;
      }
      kept.set(key, found);
    }
    const json = JSON.stringify(found.answer);
    res.writeHead(found.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  });
}).listen(port, '127.0.0.1');
