// node-postgres as a Node.js service would use it: parameters ($1) go through the extended protocol.
const { Client } = require('pg');

(async () => {
  const client = new Client({ host: '127.0.0.1', port: Number(process.argv[2]), user: 'node', database: 'any' });
  await client.connect();
  let r = await client.query('SELECT name, status FROM sys.environments WHERE name = $1', ['prod']);
  console.log('select', JSON.stringify(r.rows), r.command, r.rowCount, r.fields.map((f) => f.dataTypeID).join(','));
  r = await client.query('SELECT CAST($1 AS INTEGER) + 1 AS n, CAST($2 AS VARCHAR) AS t', [41, 'x']);
  console.log('params', r.rows[0].n, r.rows[0].t);
  r = await client.query('EXPLAIN INVALIDATE ENVIRONMENT $1', ['feature_b']);
  console.log('explain', r.command, r.rowCount, r.rows[0].status);
  try {
    await client.query('INVALIDATE ENVIRONMENT $1', ['nope']);
  } catch (e) {
    console.log('error', e.code, e.message);
  }
  r = await client.query('SELECT 1 AS one');
  console.log('after', r.rows[0].one);
  await client.end();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
