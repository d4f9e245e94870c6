/**
 * The metrics sidebar (browser side). DOM only: it renders what the extension sends through the typed protocol
 * (src/core/metrics/protocol.ts) and sends back commands. Controls are @vscode-elements/elements; sparklines are
 * uPlot, coloured from VS Code's theme variables and redrawn when the theme changes.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { formatBytes, formatCount, formatMs, formatPct, formatUsd } from '../core/metrics/compute';
import { parseExtensionMessage, type ViewMessage } from '../core/metrics/protocol';
import {
  TIME_RANGES,
  type AthenaQueryRow,
  type ApiStageRow,
  type LambdaRow,
  type MetricsSnapshot,
  type Problem,
  type QueryEstimate,
  type Status,
  type TimeRange,
} from '../core/metrics/types';
import css from './style.css';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const state: {
  snapshot?: MetricsSnapshot;
  refreshing: boolean;
  range: TimeRange;
  refreshSeconds: number;
  estimate: QueryEstimate | null;
} = { refreshing: false, range: '1h', refreshSeconds: 60, estimate: null };

const charts: { plot: uPlot; el: HTMLElement; row: LambdaRow }[] = [];

// Styles go in through a <style> carrying the page's nonce (the CSP allows nothing inline without it).
function addStyle(text: string): void {
  const style = document.createElement('style');
  style.nonce = app.dataset.nonce ?? '';
  style.textContent = text;
  document.head.appendChild(style);
}
addStyle(uplotCss);
addStyle(css);

function send(message: ViewMessage): void {
  vscode.postMessage(message);
}

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string | undefined>,
  ...children: Child[]
): HTMLElementTagNameMap[K];
function h(tag: string, attrs?: Record<string, string | undefined>, ...children: Child[]): HTMLElement;
function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

function link(text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const a = h('button', { class: 'link', type: 'button', ...attrs }, text);
  a.addEventListener('click', onClick);
  return a;
}

function fig(
  label: string,
  value: string,
  status: Status | undefined,
  key: string,
  owner: string,
): HTMLElement {
  return h(
    'div',
    { class: 'fig', 'data-key': key, 'data-owner': owner, 'data-status': status ?? 'none' },
    h('span', { class: 'label' }, label),
    h('span', { class: 'value', 'data-value': key }, value),
  );
}

function problemBox(p: Problem, testId: string): HTMLElement {
  return h(
    'div',
    {
      class: 'problem',
      'data-kind': p.kind,
      'data-testid': testId,
      ...(p.action ? { 'data-action': p.action } : {}),
    },
    p.message,
  );
}

// ---------------------------------------------------------------------------------------------------------

function toolbar(): HTMLElement {
  const select = h('vscode-single-select', { 'aria-label': 'Time range', 'data-testid': 'range' });
  for (const r of TIME_RANGES) {
    const o = h('vscode-option', { value: r }, r);
    if (r === state.range) o.setAttribute('selected', '');
    select.append(o);
  }
  select.addEventListener('change', () => {
    const value = (select as unknown as { value: string }).value;
    if ((TIME_RANGES as readonly string[]).includes(value))
      send({ type: 'setTimeRange', range: value as TimeRange });
  });
  const refresh = h('vscode-button', { 'data-testid': 'refresh', secondary: '' }, 'Refresh');
  refresh.addEventListener('click', () => send({ type: 'refresh' }));
  const snap = state.snapshot;
  const updated = snap
    ? `${snap.region ? snap.region + ' · ' : ''}updated ${new Date(snap.generatedAt).toLocaleTimeString()}`
    : '';
  return h(
    'div',
    { class: 'toolbar' },
    select,
    refresh,
    state.refreshing
      ? h('vscode-progress-ring', { 'data-testid': 'refreshing', 'aria-label': 'Refreshing' })
      : null,
    h('span', { class: 'updated', 'data-testid': 'updated' }, updated),
  );
}

function section(title: string, id: string, description: string, ...body: Child[]): HTMLElement {
  const c = h('vscode-collapsible', { title, heading: title, description, open: '', 'data-section': id });
  c.append(h('div', { class: 'section-body' }, ...body));
  return c;
}

function lambdaCard(f: LambdaRow): HTMLElement {
  const s = f.status;
  const owner = f.name;
  const memory =
    f.maxMemoryUsedMb !== null && f.memorySizeMb !== null
      ? `${Math.round(f.maxMemoryUsedMb)} / ${Math.round(f.memorySizeMb)} MB`
      : f.memorySizeMb !== null
        ? `— / ${Math.round(f.memorySizeMb)} MB`
        : '—';
  const title = h(
    'div',
    { class: 'card-title' },
    link(f.name, () => send({ type: 'openFunction', name: f.name }), {
      'data-testid': 'function-link',
      title: f.source ? `Open ${f.source.file}` : 'Open the handler',
    }),
    h('span', { class: 'sub' }, [f.runtime, f.source?.file].filter(Boolean).join(' · ')),
  );
  const spark = h('div', { class: 'spark', 'data-testid': 'sparkline' });
  const card = h(
    'div',
    { class: 'card', 'data-function': f.name, 'data-testid': 'lambda-function' },
    title,
    h(
      'div',
      { class: 'figs' },
      fig('Invocations', formatCount(f.invocations), undefined, 'invocations', owner),
      fig(
        'Errors',
        `${formatCount(f.errors)} (${formatPct(f.errorRatePct)})`,
        s.errorRatePct,
        'errors',
        owner,
      ),
      fig('Throttles', formatCount(f.throttles), s.throttles, 'throttles', owner),
      fig('Avg', formatMs(f.durationAvgMs), s.durationAvgMs, 'durationAvgMs', owner),
      fig('p95', formatMs(f.durationP95Ms), s.durationP95Ms, 'durationP95Ms', owner),
      fig('p99', formatMs(f.durationP99Ms), s.durationP99Ms, 'durationP99Ms', owner),
      fig('Max', formatMs(f.durationMaxMs), s.durationMaxMs, 'durationMaxMs', owner),
      fig('Cold starts', formatCount(f.coldStarts), undefined, 'coldStarts', owner),
      fig('Init p95', formatMs(f.initP95Ms), s.initP95Ms, 'initP95Ms', owner),
      fig('Memory', memory, s.memoryUtilizationPct, 'memory', owner),
      fig('Timeouts', formatCount(f.timeouts), s.timeoutRatePct, 'timeouts', owner),
    ),
    spark,
  );
  if (f.findings.length > 0) {
    const list = h('ul', { class: 'findings' });
    for (const fd of f.findings.slice(0, 5)) {
      list.append(
        h(
          'li',
          {},
          link(fd.ruleId, () => send({ type: 'openRule', ruleId: fd.ruleId }), {
            'data-testid': 'rule-link',
          }),
          ' ',
          link(`line ${fd.line + 1}`, () => send({ type: 'openLocation', file: fd.file, line: fd.line })),
          `: ${fd.message}`,
        ),
      );
    }
    card.append(list);
  }
  if (f.series.t.length > 1) charts.push({ plot: undefined as unknown as uPlot, el: spark, row: f });
  return card;
}

function stageCard(st: ApiStageRow): HTMLElement {
  const owner = `${st.apiName}/${st.stage}`;
  return h(
    'div',
    { class: 'card', 'data-stage': owner, 'data-testid': 'api-stage' },
    h('div', { class: 'card-title' }, st.apiName, h('span', { class: 'sub' }, st.stage)),
    h(
      'div',
      { class: 'figs' },
      fig('Requests', formatCount(st.count), undefined, 'count', owner),
      fig('Latency avg', formatMs(st.latencyAvgMs), st.status.latencyAvgMs, 'latencyAvgMs', owner),
      fig('p95', formatMs(st.latencyP95Ms), st.status.latencyP95Ms, 'latencyP95Ms', owner),
      fig('p99', formatMs(st.latencyP99Ms), st.status.latencyP99Ms, 'latencyP99Ms', owner),
      fig('4XX', formatCount(st.errors4xx), undefined, 'errors4xx', owner),
      fig('5XX', formatCount(st.errors5xx), undefined, 'errors5xx', owner),
      fig('Error rate', formatPct(st.errorRatePct), st.status.errorRatePct, 'errorRatePct', owner),
      fig('Cache hits', formatPct(st.cacheHitRatePct), undefined, 'cacheHitRatePct', owner),
    ),
  );
}

function queryRow(q: AthenaQueryRow): HTMLElement {
  return h(
    'div',
    { class: 'query', 'data-query': q.id, 'data-testid': 'athena-query' },
    h('code', { title: q.query }, q.query),
    h(
      'div',
      { class: 'figs' },
      fig('Scanned', formatBytes(q.dataScannedBytes), q.status.dataScannedBytes, 'dataScannedBytes', q.id),
      fig('Engine', formatMs(q.engineTimeMs), q.status.engineTimeMs, 'engineTimeMs', q.id),
      fig('Cost', formatUsd(q.costUsd), undefined, 'costUsd', q.id),
      fig('State', q.state.toLowerCase(), undefined, 'state', q.id),
    ),
    q.overScanBudget
      ? h('span', { class: 'flag', 'data-testid': 'over-budget' }, '⚠ over 1 GB scanned')
      : null,
  );
}

/** The stable element the estimate goes in, updated in place (estimates arrive as the cursor moves). */
function estimateSlot(): HTMLElement {
  const slot = h('div', { id: 'estimate-slot' });
  const box = estimateBox();
  if (box) slot.append(box);
  return slot;
}

function updateEstimate(): void {
  const slot = document.getElementById('estimate-slot');
  if (!slot) return render();
  const box = estimateBox();
  slot.replaceChildren(...(box ? [box] : []));
}

function estimateBox(): HTMLElement | null {
  const e = state.estimate;
  if (!e) return null;
  return h(
    'div',
    { class: 'estimate', 'data-testid': 'estimate', 'data-status': e.status },
    h('div', { class: 'label' }, `Query at ${e.file}:${e.line + 1}`),
    h(
      'div',
      { class: 'value', 'data-status': e.status },
      e.bytes === null ? 'scan size unknown' : `≈ ${formatBytes(e.bytes)} · ${formatUsd(e.costUsd)}`,
    ),
    e.note ? h('div', { class: 'note' }, e.note) : null,
  );
}

function notes(list: Problem[] | undefined, id: string): HTMLElement[] {
  return (list ?? []).map((p) => problemBox(p, `${id}-note`));
}

function render(): void {
  for (const c of charts) c.plot?.destroy();
  charts.length = 0;
  const snap = state.snapshot;
  const parts: Child[] = [toolbar()];
  if (!snap) {
    parts.push(
      h(
        'p',
        { class: 'muted' },
        state.refreshing ? 'Loading metrics…' : 'No metrics yet. Refresh to load them.',
      ),
    );
  } else if (snap.problem) {
    parts.push(problemBox(snap.problem, 'problem'));
  } else {
    const fns = snap.lambda.functions;
    parts.push(
      section(
        'Lambda',
        'lambda',
        `${fns.length} function${fns.length === 1 ? '' : 's'}${snap.lambda.fromWorkspace ? ' in this workspace' : ''}`,
        snap.lambda.problem ? problemBox(snap.lambda.problem, 'lambda-problem') : null,
        ...notes(snap.lambda.notes, 'lambda'),
        ...fns.map(lambdaCard),
      ),
      section(
        'API Gateway',
        'api',
        `${snap.apiGateway.stages.length} stage${snap.apiGateway.stages.length === 1 ? '' : 's'}`,
        snap.apiGateway.problem ? problemBox(snap.apiGateway.problem, 'api-problem') : null,
        ...snap.apiGateway.stages.map(stageCard),
      ),
      section(
        'Athena',
        'athena',
        `${snap.athena.queries.length} recent quer${snap.athena.queries.length === 1 ? 'y' : 'ies'}`,
        estimateSlot(),
        snap.athena.problem ? problemBox(snap.athena.problem, 'athena-problem') : null,
        ...notes(snap.athena.notes, 'athena'),
        ...snap.athena.workGroups
          .filter((w) => w.queries.length > 0)
          .map((w) =>
            h(
              'div',
              { 'data-workgroup': w.name, 'data-testid': 'workgroup' },
              h(
                'div',
                { class: 'wg-title' },
                h('span', {}, w.name),
                h(
                  'span',
                  { class: 'sub muted' },
                  `${formatBytes(w.totalScannedBytes)} · ${formatUsd(w.totalCostUsd)}`,
                ),
              ),
              ...w.queries.map(queryRow),
            ),
          ),
      ),
    );
  }
  if (snap === undefined || snap.problem) parts.push(estimateSlot());
  app.replaceChildren(...parts.filter((p): p is Node => p instanceof Node));
  app.dataset.state = !snap ? 'loading' : snap.problem ? 'problem' : 'ready';
  app.dataset.range = snap?.range ?? state.range;
  app.dataset.generatedAt = snap ? String(snap.generatedAt) : '';
  drawCharts();
}

// ---------------------------------------------------------------------------------------------------------
// Sparklines

function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

function drawCharts(): void {
  const stroke = themeColor('--vscode-charts-blue', themeColor('--vscode-textLink-foreground', '#3794ff'));
  const bad = themeColor('--vscode-editorError-foreground', '#f14c4c');
  for (const c of charts) {
    c.plot?.destroy();
    c.el.replaceChildren();
    const width = Math.max(
      120,
      Math.floor(c.el.getBoundingClientRect().width) || app.clientWidth - 16 || 200,
    );
    const over = c.row.status.durationP95Ms === 'bad';
    const data: uPlot.AlignedData = [c.row.series.t.map((t) => t / 1000), c.row.series.p95];
    c.plot = new uPlot(
      {
        width,
        height: 36,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: true } },
        series: [{}, { stroke: over ? bad : stroke, width: 1.5, spanGaps: true, points: { show: false } }],
      },
      data,
      c.el,
    );
    c.el.dataset.points = String(c.row.series.t.length);
    c.el.dataset.stroke = over ? bad : stroke;
  }
}

// VS Code swaps the body's theme class (vscode-light / vscode-dark / vscode-high-contrast) and its variables.
new MutationObserver(() => {
  app.dataset.theme = document.body.className;
  drawCharts();
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(drawCharts, 150);
});

// ---------------------------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = parseExtensionMessage(event.data);
  if (!m) return; // not ours, or malformed
  switch (m.type) {
    case 'snapshot':
      state.snapshot = m.snapshot;
      state.range = m.snapshot.range;
      break;
    case 'status':
      state.refreshing = m.refreshing;
      state.range = m.range;
      state.refreshSeconds = m.refreshSeconds;
      break;
    case 'estimate':
      state.estimate = m.estimate;
      updateEstimate();
      return;
  }
  render();
});

render();
send({ type: 'ready' });
