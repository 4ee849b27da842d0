// The dashboard page: it keeps the server's protocol messages (docs/dashboard.md) and draws them. Every
// state it shows (a client's, the clock's) is decided by the server; the page only draws and sends controls.
'use strict';

const COLORS = { idle: '#90a4ae', training: '#1e88e5', uploading: '#43a047', waiting: '#fdd835',
  straggling: '#fb8c00', crashed: '#e53935', partitioned: '#8e24aa', removed: '#424242',
  'does-not-fit': '#d7ccc8' };
const SVG = 'http://www.w3.org/2000/svg';
const messages = [];          // every message received, in order
let view = emptyView();
let selected = null;
let replayMode = false;
let controlId = 0;
let socket = null;
let serverStopped = false;

function emptyView() {
  return { hello: null, graph: null, split: null, references: [], starting: null, rounds: [], participation: [], states: {},
    slowdown: {}, links: {}, linkStart: {}, groups: [], inflight: [], events: [], now: 0, clock: null, finished: null, round: -1,
    sentBytes: {}, nodes: {} };
}

function timeOf(m) {
  if (m.type === 'message') return m.sentAt;
  return typeof m.time === 'number' ? m.time : null;
}

// Applies one message to the view; the page's whole state is a fold of the messages.
function apply(v, m) {
  const t = timeOf(m);
  if (t !== null && t > v.now) v.now = t;
  switch (m.type) {
    case 'hello': v.hello = m; break;
    case 'graph': v.graph = m; break;
    case 'split': v.split = m; break;
    case 'references': v.references = m.references; break;
    case 'starting-model': v.starting = m; break;
    case 'round': v.rounds.push(m); if (m.round > v.round) v.round = m.round; break;
    case 'participation': v.participation.push(m); break;
    case 'round-started': v.round = m.round; break;
    case 'message':
      if (m.round > v.round) v.round = m.round;
      v.inflight.push(m);
      v.sentBytes[m.from] = (v.sentBytes[m.from] || 0) + m.bytes;
      break;
    case 'event': v.events.push(m); break;
    case 'client-state':
      v.states[m.client] = m.state;
      v.slowdown[m.client] = m.slowdown;
      // a gossip run tells no round starts: a client training means the first round has begun
      if (m.state === 'training' && v.round < 0) v.round = 0;
      break;
    case 'link-state':
      if (!(m.link in v.linkStart)) v.linkStart[m.link] = m.bandwidth;
      v.links[m.link] = m;
      break;
    case 'partition': v.groups = m.groups; break;
    case 'clock': v.clock = m; if (m.time > v.now) v.now = m.time; break;
    case 'finished': v.finished = m; break;
  }
  if (v.inflight.length > 0) v.inflight = v.inflight.filter(x => x.arrival >= v.now);
}

// ---------- the actor graph ----------
function layout(g) {
  const n = g.clients;
  const r = g.aggregator ? 240 : 250;
  const pos = {};
  for (let i = 0; i < n; i++) {
    const a = -Math.PI / 2 + 2 * Math.PI * i / n;
    pos[i] = [r * Math.cos(a), r * Math.sin(a)];
  }
  if (g.aggregator) pos[-1] = [0, 0];
  return pos;
}

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

function nodeRadius(n) { return Math.max(7, Math.min(18, 260 / Math.max(n, 1))); }

let built = null;
function buildGraph(v) {
  const svg = document.getElementById('graph');
  svg.innerHTML = '';
  if (!v.graph) return;
  const pos = layout(v.graph);
  const groupsLayer = el('g', { id: 'groups' }, svg);
  const linksLayer = el('g', { id: 'links' }, svg);
  const labelsLayer = el('g', { id: 'link-labels' }, svg);
  const flightLayer = el('g', { id: 'flights' }, svg);
  const nodesLayer = el('g', { id: 'nodes' }, svg);
  const seen = {};
  for (const l of v.graph.links) {
    const key = Math.min(l.from, l.to) + ':' + Math.max(l.from, l.to);
    const a = pos[l.from], b = pos[l.to];
    if (!a || !b) continue;
    // a pair of directed links draws as two parallel lines, a little apart
    const dx = b[0] - a[0], dy = b[1] - a[1], len = Math.hypot(dx, dy) || 1;
    const off = seen[key] ? -2.5 : 2.5;
    seen[key] = true;
    const ox = -dy / len * off, oy = dx / len * off;
    el('line', { x1: a[0] + ox, y1: a[1] + oy, x2: b[0] + ox, y2: b[1] + oy, class: 'link', 'data-link': l.name,
      'stroke-width': 1 }, linksLayer);
    // a changed bandwidth is written a third of the way from the sender, beside its own line
    const t = el('text', { x: a[0] + dx * 0.3 + ox * 4, y: a[1] + dy * 0.3 + oy * 4 + 3, class: 'link-label',
      'data-link': l.name }, labelsLayer);
    t.textContent = '';
  }
  const radius = nodeRadius(v.graph.clients);
  for (const id in pos) {
    const p = pos[id];
    const isAgg = Number(id) === -1;
    const g = el('g', { class: 'node ' + (isAgg ? 'aggregator' : 'client'), transform: `translate(${p[0]},${p[1]})` }, nodesLayer);
    if (!isAgg) g.setAttribute('data-client', id);
    el('circle', { r: isAgg ? 22 : radius, fill: isAgg ? '#37474f' : COLORS.idle }, g);
    const label = el('text', { y: 4, fill: isAgg ? '#fff' : '#000' }, g);
    label.textContent = isAgg ? 'server' : id;
    const slow = el('text', { y: -radius - 4, class: 'slow' }, g);
    slow.textContent = '';
    if (!isAgg) g.addEventListener('click', () => select(Number(id)));
  }
  built = { pos, flightLayer, groupsLayer, radius };
}

// line width: log10 of the bandwidth in bytes/s, 10 kB/s thin to 100 MB/s thick
function linkWidth(bw) {
  return bw > 0 ? Math.max(0.5, Math.min(6, Math.log10(bw) - 3.5)) : 1;
}

function rate(bw) {
  return bw >= 1e6 ? (bw / 1e6).toFixed(bw >= 1e7 ? 0 : 1) + ' MB/s' : bw >= 1e3 ? (bw / 1e3).toFixed(bw >= 1e4 ? 0 : 1) + ' kB/s'
    : bw + ' B/s';
}

function drawGroups(v) {
  const layer = built.groupsLayer;
  layer.innerHTML = '';
  v.groups.forEach((group, i) => {
    const pts = group.map(c => built.pos[c]).filter(p => p);
    if (pts.length === 0) return;
    const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length, cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    pts.sort((p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx));
    const pad = built.radius + 9;
    const g = el('g', { class: 'group', 'data-group': i + 1, 'data-members': group.join(',') }, layer);
    if (pts.length === 1) el('circle', { cx: pts[0][0], cy: pts[0][1], r: pad }, g);
    else el('polygon', { points: pts.map(p => p.join(',')).join(' '), 'stroke-width': 2 * pad }, g);
    // the label goes outside the circle of nodes, in the group's direction
    const len = Math.hypot(cx, cy) || 1, out = Math.max(...pts.map(p => Math.hypot(p[0], p[1]))) + pad + 10;
    const t = el('text', { x: cx / len * out, y: cy / len * out + 4 }, g);
    t.textContent = 'group ' + (i + 1);
  });
}

function drawGraph(v) {
  if (!v.graph) return;
  if (!built) buildGraph(v);
  drawGroups(v);
  document.querySelectorAll('#links line').forEach(line => {
    const name = line.getAttribute('data-link');
    const ls = v.links[name] || { bandwidth: -1, down: false, cut: false };
    line.setAttribute('class', 'link' + (ls.down ? ' down' : ls.cut ? ' cut' : ''));
    line.setAttribute('stroke-width', linkWidth(ls.bandwidth));
    line.setAttribute('data-bandwidth', ls.bandwidth);
    line.setAttribute('data-down', ls.down);
    line.setAttribute('data-cut', ls.cut);
  });
  document.querySelectorAll('#link-labels text').forEach(t => {
    const ls = v.links[t.getAttribute('data-link')];
    t.textContent = ls && ls.bandwidth > 0 && ls.bandwidth !== v.linkStart[ls.link] ? rate(ls.bandwidth) : '';
  });
  document.querySelectorAll('#nodes g.client').forEach(g => {
    const id = Number(g.getAttribute('data-client'));
    const state = v.states[id] || 'idle';
    g.setAttribute('data-state', state);
    g.querySelector('circle').setAttribute('fill', COLORS[state] || COLORS.idle);
    const f = v.slowdown[id] || 1;
    g.querySelector('.slow').textContent = f !== 1 ? 'x' + f : '';
    g.classList.toggle('selected', id === selected);
  });
  drawFlights(v);
}

function drawFlights(v) {
  if (!built) return;
  const layer = built.flightLayer;
  layer.innerHTML = '';
  for (const m of v.inflight) {
    const a = built.pos[m.from], b = built.pos[m.to];
    if (!a || !b) continue;
    const span = Math.max(1, m.arrival - m.sentAt);
    const f = Math.max(0, Math.min(1, (v.now - m.sentAt) / span));
    const r = Math.max(2.5, Math.min(12, 1.5 * Math.log2(Math.max(2, m.bytes / 4096))));
    el('circle', { cx: a[0] + (b[0] - a[0]) * f, cy: a[1] + (b[1] - a[1]) * f, r, class: 'inflight',
      'data-bytes': m.bytes }, layer);
  }
}

function legend() {
  const box = document.getElementById('legend');
  box.innerHTML = Object.entries(COLORS).map(([s, c]) => `<span><i style="background:${c}"></i>${s}</span>`).join('')
    + '<span>· dots: messages in flight, sized by bytes · line width: bandwidth (a changed one is written on it)'
    + ' · dashed red: link down · dashed purple: cut by a partition, whose groups are outlined · xN: slowed down</span>';
}

// ---------- charts ----------
// Every chart is per round: x is the 0-based round (a gossip run's iteration) of each `round` record, never
// below 0, and an empty chart shows rounds 0..1. Values are readable: y ticks at least every 18 px, and the
// legend under a chart shows the hovered round's values, else the last round's.
const charts = {};
const PLOT_HEIGHT = 120;

function num(digits) { return (u, v) => v == null ? '--' : v.toFixed(digits); }

// from the first round drawn to the last (uPlot widens a single point to +-100; a round is 1 wide here)
function xRange(u) {
  const xs = u.data[0];
  if (!xs || xs.length === 0) return [0, 1];
  const lo = Math.max(0, xs[0]);
  return [lo, Math.max(lo + 1, xs[xs.length - 1])];
}

// from 0 to a little above the largest value (1 when there is none)
function fromZero(u, min, max) { return [0, max != null && isFinite(max) && max > 0 ? max * 1.08 : 1]; }

// y tick labels with as few decimals as tell the ticks apart exactly (0.25 stays 0.25, 10 stays 10)
function tickText(u, ticks) {
  for (let d = 0; d <= 4; d++) {
    if (ticks.every(t => Math.abs(t - Number(t.toFixed(d))) < 1e-9 * Math.max(1, Math.abs(t)))) {
      return ticks.map(t => t.toFixed(d));
    }
  }
  return ticks.map(t => t.toPrecision(3));
}

// the legend shows the last round whenever the cursor is off the plot
function lastRoundInLegend(u) {
  const n = u.data[0].length;
  if (u.cursor.idx == null && n > 0) u.setLegend({ idx: n - 1 }, false);
}

function chartWidth(box) { return Math.max(240, box.clientWidth - 6); }

function chart(id, spec, data) {
  const box = document.getElementById(id);
  box.setAttribute('data-points', String(data[0].length));
  box.setAttribute('data-first-round', data[0].length ? String(data[0][0]) : '');
  if (charts[id]) {
    // the column's scroll bar comes and goes as charts are added or folded: every chart keeps its full width
    if (charts[id].width !== chartWidth(box)) charts[id].setSize({ width: chartWidth(box), height: PLOT_HEIGHT });
    charts[id].setData(data);
    lastRoundInLegend(charts[id]);
    return;
  }
  charts[id] = new uPlot({ width: chartWidth(box), height: PLOT_HEIGHT, legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: xRange }, y: { range: spec.range || fromZero } },
    axes: [{ incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500], size: 26, space: 36 },
      { size: 46, space: 18, values: tickText }],
    series: [{ label: 'round', value: (u, v) => v == null ? '--' : v }].concat(spec.series),
    hooks: { setLegend: [lastRoundInLegend] } }, data, box);
  lastRoundInLegend(charts[id]);
}

function unplot(id) {
  if (charts[id]) { charts[id].destroy(); delete charts[id]; }
}

// a chart with nothing to draw shows only its title and why
function note(id, text) {
  const box = document.getElementById(id);
  let n = box.querySelector('.note');
  if (!n) { n = document.createElement('div'); n.className = 'note'; box.appendChild(n); }
  n.textContent = text;
  n.hidden = !text;
}

function hint(id, text) { document.querySelector('#' + id + ' .hint').textContent = text; }

function drawCharts(v) {
  const rs = v.rounds;
  const x = rs.map(r => r.round);
  const synthetic = !!(v.split && v.split.synthetic);
  // the starting model's accuracy and the references are horizontal dashed lines, not rounds
  const lines = [];
  if (v.starting && v.starting.accuracy != null) lines.push({ id: 'starting model', accuracy: v.starting.accuracy });
  v.references.forEach(r => lines.push(r));
  const palette = ['#9e9e9e', '#6d4c41', '#ff8f00'];
  const refs = lines.map((r, i) => ({ label: r.id, stroke: palette[i % palette.length],
    dash: [6, 4], value: num(3), points: { show: false } }));
  if (synthetic) {
    unplot('chart-accuracy');
    document.getElementById('chart-accuracy').setAttribute('data-points', String(x.length));
    document.getElementById('chart-accuracy').setAttribute('data-first-round', x.length ? String(x[0]) : '');
    note('chart-accuracy', 'not evaluated: system-only run (no model is trained)');
  } else {
    note('chart-accuracy', '');
    chart('chart-accuracy', { range: () => [0, 1],
      series: [{ label: 'accuracy', stroke: '#1565c0', width: 2, value: num(3) }].concat(refs) },
      [x, rs.map(r => r.accuracy)].concat(lines.map(r => rs.map(() => r.accuracy))));
  }
  hint('chart-loss', synthetic ? ' (synthetic: cost-model trainer)' : '');
  chart('chart-loss', { range: (u, min, max) => min == null || !isFinite(min) ? [0, 1]
      : [Math.max(0, min - 0.1 * (max - min || 1)), max + 0.1 * (max - min || 1)],
    series: [{ label: 'loss', stroke: '#c62828', width: 2, value: num(3) }] }, [x, rs.map(r => r.loss)]);
  chart('chart-bytes', { series: [{ label: 'up MB', stroke: '#2e7d32', value: num(2) },
    { label: 'down MB', stroke: '#6a1b9a', value: num(2) }] },
    [x, rs.map(r => r.bytesUp / 1e6), rs.map(r => r.bytesDown / 1e6)]);
  chart('chart-time', { series: [{ label: 'sim s', stroke: '#37474f', value: num(3) }] },
    [x, rs.map(r => r.time / 1e9)]);
  const gossip = v.graph && !v.graph.aggregator;
  document.getElementById('chart-consensus').hidden = !gossip;
  if (gossip) {
    chart('chart-consensus', { series: [{ label: 'consensus', stroke: '#00838f', width: 2, value: num(3) }] },
      [x, rs.map(r => r.consensus)]);
  }
}

window.addEventListener('resize', () => {
  for (const id in charts) charts[id].setSize({ width: chartWidth(document.getElementById(id)), height: PLOT_HEIGHT });
});

// ---------- panels ----------
function seconds(ns) { return (ns / 1e9).toFixed(3) + ' s'; }

// the run's outcome once it finished ("finished", "stopped: ..."), else what the clock does
function clockState(v) {
  if (v.finished) return v.finished.outcome + (serverStopped ? ' (server stopped)' : '');
  if (serverStopped) return 'disconnected (server stopped)';
  if (replayMode) return 'replay';
  return v.clock && v.clock.paused ? 'paused' : 'running';
}

function drawHeader(v) {
  if (v.hello) {
    document.getElementById('title').textContent = v.hello.title;
    document.getElementById('mode').textContent = v.hello.mode;
    // a run on a cluster: its clock is on the coordinator node, the page draws what that node streams back
    const where = document.getElementById('where');
    where.textContent = v.hello.where ? 'on ' + v.hello.where : '';
    where.hidden = !v.hello.where;
    document.getElementById('token-box').hidden = !v.hello.tokenRequired;
    replayMode = v.hello.mode === 'replay';
    document.getElementById('replay-box').hidden = !replayMode;
    document.body.classList.toggle('replay', replayMode);
  }
  document.getElementById('synthetic').hidden = !(v.split && v.split.synthetic);
  document.getElementById('clock-time').textContent = seconds(v.now);
  const c = v.clock;
  document.getElementById('clock-state').textContent = clockState(v);
  document.getElementById('clock-speed').textContent = c ? c.speed : '-';
  document.getElementById('clock-speed-box').hidden = replayMode;
  document.getElementById('clock-round').textContent = v.round < 0 ? 'before round 0' : 'round ' + v.round;
  const speed = document.getElementById('in-speed');
  if (c && document.activeElement !== speed && speed.getAttribute('data-shown') !== String(c.speed)) {
    speed.value = c.speed;
    speed.setAttribute('data-shown', String(c.speed));
  }
}

function drawClient(v) {
  if (selected === null) return;
  document.getElementById('sel-id').textContent = selected;
  const state = document.getElementById('sel-state');
  state.textContent = v.states[selected] || 'idle';
  state.style.background = COLORS[state.textContent];
  const c = v.split && v.split.clients[selected];
  const details = [];
  if (c) {
    details.push(`examples ${c.examples} · LoRA rank ${c.rank}`);
    if (c.profile) {
      const p = c.profile;
      details.push(`device ${(p.flops / 1e12).toFixed(2)} TFLOP/s${p.straggler ? ' (straggler profile)' : ''}, up ${(p.uplinkBytesPerSecond / 1e6).toFixed(2)} MB/s, down ${(p.downlinkBytesPerSecond / 1e6).toFixed(2)} MB/s, latency ${(p.latencyNanos / 1e6).toFixed(1)} ms`);
    }
  }
  details.push(`slow-down x${v.slowdown[selected] || 1} · sent ${((v.sentBytes[selected] || 0) / 1e6).toFixed(2)} MB`);
  document.getElementById('sel-details').innerHTML = details.map(d => `<div>${d}</div>`).join('');
  const h = document.getElementById('sel-histogram');
  h.innerHTML = '';
  if (c && c.labelCounts.length > 0) {
    const max = Math.max(1, ...c.labelCounts);
    const w = 250 / c.labelCounts.length;
    c.labelCounts.forEach((n, i) => {
      const bh = 70 * n / max;
      el('rect', { x: i * w + 2, y: 72 - bh, width: w - 3, height: bh, fill: '#1e88e5' }, h);
      const t = el('text', { x: i * w + w / 2, y: 86, 'font-size': 9, 'text-anchor': 'middle' }, h);
      t.textContent = (v.split.labels[i] || i).toString().slice(0, 4);
    });
  } else {
    const t = el('text', { x: 4, y: 40, 'font-size': 11 }, h);
    t.textContent = v.split && v.split.synthetic ? 'no data: system-only run' : '';
  }
  const history = v.participation.map(p => `${p.round}:${p.statuses[selected] || 'not-sampled'}`);
  document.getElementById('sel-history').textContent = 'rounds: ' + (history.length ? history.join(' ') : '-');
}

// org.lorasim.actors.AggregatorActor$Instruction -> Instruction: a payload's class without its package
function shortNames(text) { return text.replace(/\b(?:[a-z_]\w*\.)+(?:[A-Z]\w*\$)*([A-Z]\w*)/g, '$1'); }

let logCount = 0;
function drawLog(v) {
  const log = document.getElementById('log');
  if (v.events.length < logCount) { log.innerHTML = ''; logCount = 0; }
  for (; logCount < v.events.length; logCount++) {
    const e = v.events[logCount];
    const li = document.createElement('li');
    li.className = e.kind.startsWith('scenario-') ? 'scenario' : (/crash|lost|fail|removed|straggl/.test(e.kind) ? 'failure' : '');
    li.setAttribute('data-kind', e.kind);
    // an event outside any round (a link's change) has round -1: no round is written for it
    li.textContent = `${seconds(e.time)}${e.round >= 0 ? ' r' + e.round : ''} ${e.kind} ${e.subject}: ${shortNames(e.detail)}`;
    log.appendChild(li);
  }
  log.scrollTop = log.scrollHeight;
}

function draw() {
  drawHeader(view);
  drawGraph(view);
  drawCharts(view);
  drawClient(view);
  drawLog(view);
}

// ---------- replay ----------
function maxTime() { return messages.reduce((t, m) => Math.max(t, timeOf(m) || 0), 0); }

function replayTo(fraction) {
  const limit = maxTime() * fraction;
  const v = emptyView();
  let lastTime = 0;
  for (const m of messages) {
    const t = timeOf(m);
    if (t !== null) lastTime = t;
    if ((t === null ? lastTime : t) > limit) break;
    apply(v, m);
  }
  v.now = limit;
  view = v;
  built = null;
  draw();
  document.getElementById('replay-time').textContent = seconds(limit);
}

// ---------- controls ----------
function send(action, fields) {
  if (!socket || socket.readyState !== 1) return;
  const m = Object.assign({ type: 'control', id: String(++controlId), action }, fields || {});
  const token = document.getElementById('in-token').value;
  if (token) m.token = token;
  socket.send(JSON.stringify(m));
}

function showReply(m) {
  const r = document.getElementById('reply');
  r.className = m.ok ? 'ok' : 'error';
  r.textContent = m.ok ? ('applied' + (m.time >= 0 ? ' at ' + seconds(m.time) : '')) : m.error;
}

function select(id) { selected = id; draw(); }

function wire() {
  const on = (id, f) => document.getElementById(id).addEventListener('click', f);
  const clients = () => selected === null ? [] : [selected];
  on('btn-pause', () => send('pause'));
  on('btn-resume', () => send('resume'));
  on('btn-step-event', () => send('step-event'));
  on('btn-step-round', () => send('step-round'));
  on('btn-speed', () => send('speed', { speed: Number(document.getElementById('in-speed').value) }));
  on('btn-partition', () => {
    let groups;
    try { groups = JSON.parse(document.getElementById('in-groups').value); } catch (e) { groups = 'not JSON'; }
    send('partition', { groups });
  });
  on('btn-heal', () => send('heal'));
  on('btn-crash-aggregator', () => {
    const after = Number(document.getElementById('in-agg-recover').value);
    send('crash-aggregator', after > 0 ? { recoverAfter: after } : {});
  });
  on('btn-recover-aggregator', () => send('recover-aggregator'));
  on('btn-lesson', () => send('start-lesson', { lesson: document.getElementById('lesson-picker').value }));
  on('btn-crash', () => send('crash', { clients: clients() }));
  on('btn-recover', () => send('recover', { clients: clients() }));
  on('btn-slow', () => send('slow-down', { clients: clients(), factor: Number(document.getElementById('in-factor').value) }));
  on('btn-link-down', () => send('link-down', { clients: clients() }));
  on('btn-link-up', () => send('link-up', { clients: clients() }));
  on('btn-bandwidth', () => send('set-bandwidth', { clients: clients(), bandwidth: Number(document.getElementById('in-bandwidth').value) }));
  document.getElementById('in-time').addEventListener('input', e => replayTo(Number(e.target.value) / 1000));
}

let lessonList = [];
// a lesson's text is Markdown: a single line break is a soft wrap (joined), a blank line a new paragraph
function unwrap(text) { return text.replace(/([^\n])\n(?!\n)/g, '$1 '); }

function showLesson() {
  const l = lessonList.find(x => x.name === document.getElementById('lesson-picker').value);
  document.getElementById('lesson-text').textContent = l ? unwrap(l.text) + '\n\nFrom a shell: lorasim ui --lesson ' + l.name : '';
}

async function lessons() {
  try {
    lessonList = await (await fetch('/api/lessons')).json();
    const picker = document.getElementById('lesson-picker');
    picker.innerHTML = lessonList.map(l => `<option value="${l.name}">${l.title}</option>`).join('');
    picker.addEventListener('change', showLesson);
    showLesson();
  } catch (e) { /* lessons are optional */ }
}

// the run being shown, as its hello names it: a lesson is picked in the picker and its text shown
function drawRunning(hello) {
  const running = document.getElementById('lesson-running');
  if (hello.lesson) {
    running.textContent = 'running: lesson ' + hello.lesson.name + ' (' + hello.lesson.title + ')';
    running.setAttribute('data-lesson', hello.lesson.name);
    document.getElementById('lesson-picker').value = hello.lesson.name;
    showLesson();
  } else {
    running.textContent = hello.mode === 'replay' ? 'replay: ' + hello.title : 'running: ' + hello.title;
    running.removeAttribute('data-lesson');
  }
}

let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; draw(); });
}

function connect() {
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  socket.onmessage = e => {
    const m = JSON.parse(e.data);
    if (m.type === 'reply') { showReply(m); return; }
    if (m.type === 'hello') {
      // a hello begins a run: the next run on a live dashboard (a lesson started from the page) is drawn afresh
      messages.length = 0;
      view = emptyView();
      built = null;
      selected = null;
      document.getElementById('sel-id').textContent = '(click one)';
      document.getElementById('log').innerHTML = '';
      logCount = 0;
      for (const id in charts) { charts[id].destroy(); delete charts[id]; }
      drawRunning(m);
    }
    messages.push(m);
    if (!replayMode || m.type === 'hello') {
      apply(view, m);
      if (m.type === 'graph') built = null;
      schedule();
    } else {
      apply(view, m);
      schedule();
    }
  };
  socket.onclose = () => {
    serverStopped = true;
    draw();
  };
}

legend();
wire();
lessons().then(connect);
