// Runs each line of a file as a statement through node-postgres and prints every row as the server's text:
// "--- i" before each statement's rows, values tab-separated, NULL as <null>. The parity test compares the
// output with the Avatica port's rows for the same statements.
const fs = require('fs');
const { Client } = require('pg');

const raw = { getTypeParser: () => (value) => value };

(async () => {
  const client = new Client({ host: '127.0.0.1', port: Number(process.argv[2]), user: 'node', database: 'any' });
  await client.connect();
  const statements = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((s) => s.length > 0);
  for (let i = 0; i < statements.length; i++) {
    console.log('--- ' + i);
    const r = await client.query({ text: statements[i], rowMode: 'array', types: raw });
    for (const row of r.rows) {
      console.log(row.map((v) => (v === null ? '<null>' : v)).join('\t'));
    }
  }
  await client.end();
})().catch((e) => {
  console.error(e.code, e.message);
  process.exit(1);
});
