// Writes N CodeDeploy events as JSON Lines, the way a month of deployments would log them: each
// deployment STARTs, its instances START and SUCCEED (or FAIL), a blue/green one reaches READY,
// and it ends in SUCCESS, FAILURE or STOP. Deterministic (a seeded generator), so every run and
// every tool reads the same file. Usage: node scripts/events.mjs N [seed] > events.jsonl
//   or, from another script: import { events } from './events.mjs'.

const GROUPS = [
  ['my-service-app', 'my-service-dg-bluegreen', true],
  ['my-service-app', 'my-service-dg-canary', true],
  ['billing-app', 'billing-dg-prod', false],
  ['billing-app', 'billing-dg-staging', false],
  ['web-app', 'web-dg-bluegreen', true],
];
const REGIONS = ['us-east-1', 'eu-west-1'];
const ACCOUNT = '123456789012';

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* events(n, seed = 1) {
  const rnd = mulberry32(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const id = (len, abc = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ') =>
    Array.from({ length: len }, () => abc[Math.floor(rnd() * abc.length)]).join('');
  const uuid = () => [8, 4, 4, 4, 12].map((l) => id(l, '0123456789abcdef')).join('-');
  let clock = Date.UTC(2026, 10, 1);
  let made = 0;
  while (made < n) {
    const [app, group, blueGreen] = pick(GROUPS);
    const region = pick(REGIONS);
    const deploymentId = `d-${id(9)}`;
    const instanceGroupId = uuid();
    const base = (kind, state, extra = {}) => {
      clock += 1000 + Math.floor(rnd() * 60000);
      const instance = kind === 'Instance';
      return {
        account: ACCOUNT, region,
        'detail-type': `CodeDeploy ${kind} State-change Notification`,
        source: 'aws.codedeploy', version: '0',
        time: new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z'),
        id: uuid(),
        resources: [
          ...(instance ? [`arn:aws:ec2:${region}:${ACCOUNT}:instance/${extra.instanceId}`] : []),
          `arn:aws:codedeploy:${region}:${ACCOUNT}:application:${app}`,
          `arn:aws:codedeploy:${region}:${ACCOUNT}:deploymentgroup:${app}/${group}`,
        ],
        detail: { ...(instance ? { instanceId: extra.instanceId } : { instanceGroupId }), region, application: app, deploymentId, state, deploymentGroup: group, ...(instance ? { instanceGroupId } : {}) },
      };
    };
    const out = [base('Deployment', 'START')];
    const instances = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `i-0${id(16, '0123456789abcdef')}`);
    const fails = rnd() < 0.15;
    for (const i of instances) out.push(base('Instance', 'START', { instanceId: i }));
    for (const i of instances) out.push(base('Instance', fails && i === instances[0] ? 'FAILURE' : 'SUCCESS', { instanceId: i }));
    if (blueGreen && !fails) out.push(base('Deployment', 'READY'));
    out.push(base('Deployment', fails ? 'FAILURE' : rnd() < 0.05 ? 'STOP' : 'SUCCESS'));
    for (const e of out) {
      if (made++ >= n) return;
      yield e;
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] || 100000);
  const seed = Number(process.argv[3] || 1);
  const lines = [];
  for (const e of events(n, seed)) lines.push(JSON.stringify(e));
  process.stdout.write(lines.join('\n') + '\n');
}
