// Does a running OrderHub host answer as README says? /healthz, then a demo sign-in.
//   node scripts/check-host.mjs http://127.0.0.1:PORT [user]
const [base, user = 'owner'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node scripts/check-host.mjs URL [user]');
  process.exit(2);
}
try {
  const health = await (await fetch(`${base}/healthz`)).json();
  if (health.ok !== true) throw new Error(`/healthz answered ${JSON.stringify(health)}`);
  const res = await fetch(`${base}/api/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'orderhub-demo' }),
  });
  const body = await res.json();
  if (!body.data?.token) throw new Error(`auth.login as ${user} answered HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  console.log(`${base}: /healthz ok (version ${health.version}), demo user ${user} signed in as ${body.data.user.role}`);
} catch (e) {
  console.log(`${base}: ${e.message}`);
  process.exit(1);
}
