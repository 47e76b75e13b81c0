// The Lamdas dashboard: polls the job API with the team's key (X-Api-Key) and draws the selected job.
(function () {
  'use strict';

  const KEY_STORAGE = 'lamdas.apiKey';
  const TICK_MS = 1000;
  const JOBS_EVERY_MS = 3000;
  const CLUSTER_EVERY_MS = 2000;
  const HISTOGRAM_EVERY_MS = 3000;
  const WINDOW_S = 15 * 60;
  const RATE_SPAN_S = 5;
  const FINISHED = ['succeeded', 'failed', 'cancelled'];
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const numberFormat = new Intl.NumberFormat('en-US');
  const $ = (id) => document.getElementById(id);
  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

  const state = {
    key: '',
    unauthorized: false,
    jobs: [],
    jobsAt: 0,
    selected: null,
    status: null,
    samples: [],
    histogramAt: 0,
    histogramShards: -1,
    histogramFinal: false,
    cluster: null,
    clusterAt: 0,
    siloPrevious: new Map(),
    siloRates: new Map(),
    busy: false,
  };

  // ---- API key: ?key= (kiosks), then localStorage, then the input box -------------------------------------------
  function storedKey() {
    try { return localStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
  }

  function storeKey(key) {
    try {
      if (key) { localStorage.setItem(KEY_STORAGE, key); } else { localStorage.removeItem(KEY_STORAGE); }
    } catch { /* storage disabled: the key lasts for this page only */ }
  }

  function initialKey() {
    const params = new URLSearchParams(location.search);
    const fromUrl = params.get('key');
    if (fromUrl) {
      storeKey(fromUrl);
      params.delete('key');
      const query = params.toString();
      history.replaceState(null, '', location.pathname + (query ? `?${query}` : '') + location.hash);
      return fromUrl;
    }
    return storedKey();
  }

  function setKey(key) {
    state.key = key.trim();
    state.unauthorized = false;
    state.jobs = [];
    state.jobsAt = 0;
    storeKey(state.key);
    const input = $('api-key');
    input.value = '';
    input.placeholder = state.key ? 'key saved · paste another to change' : 'paste the key';
    input.dataset.set = state.key ? 'true' : 'false';
    setConnection(state.key ? 'pending' : 'no-key', state.key ? 'connecting…' : 'no API key');
    if (!state.key) { select(null); renderJobs(); }
    tick();
  }

  function setConnection(kind, text) {
    const el = $('connection');
    el.dataset.state = kind;
    el.textContent = text;
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------------
  async function api(path, authenticated) {
    const headers = { Accept: 'application/json' };
    if (authenticated) { headers['X-Api-Key'] = state.key; }
    const response = await fetch(path, { headers, cache: 'no-store' });
    if (response.status === 401) {
      const error = new Error('unauthorized');
      error.unauthorized = true;
      throw error;
    }
    if (!response.ok) {
      let message = `${response.status}`;
      try { message = (await response.json()).error || message; } catch { /* not JSON */ }
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // ---- polling ----------------------------------------------------------------------------------------------------
  async function tick() {
    if (state.busy) { return; }
    state.busy = true;
    const now = Date.now();
    try {
      const work = [];
      if (now - state.clusterAt >= CLUSTER_EVERY_MS) { work.push(pollCluster(now)); }
      if (state.key && !state.unauthorized) {
        if (now - state.jobsAt >= JOBS_EVERY_MS) { work.push(pollJobs(now)); }
        if (state.selected) { work.push(pollJob(state.selected)); }
      }
      await Promise.all(work);
    } finally {
      state.busy = false;
    }
  }

  async function pollCluster(now) {
    state.clusterAt = now;
    try {
      state.cluster = await api('/api/v1/cluster', false);
      updateSiloRates(now / 1000);
    } catch {
      state.cluster = null;
    }
    renderSilos();
  }

  async function pollJobs(now) {
    state.jobsAt = now;
    try {
      const list = await api('/api/v1/jobs', true);
      state.jobs = list.jobs || [];
      setConnection('ok', `connected · ${state.jobs.length} job${state.jobs.length === 1 ? '' : 's'}`);
      if (!state.selected) {
        const wanted = jobFromHash();
        const pick = state.jobs.find((j) => j.job_id === wanted) || state.jobs.find((j) => !FINISHED.includes(j.phase)) || state.jobs[0];
        if (pick) { select(pick.job_id); }
      }
    } catch (e) {
      handleError(e);
    }
    renderJobs();
  }

  async function pollJob(id) {
    try {
      const status = await api(`/api/v1/jobs/${encodeURIComponent(id)}`, true);
      if (state.selected !== id) { return; }
      if (state.status && !FINISHED.includes(state.status.phase) && FINISHED.includes(status.phase)) {
        state.clusterAt = 0;
      }
      state.status = status;
      const index = state.jobs.findIndex((j) => j.job_id === id);
      if (index >= 0) { state.jobs[index] = status; renderJobs(); }
      addSample(status);
      renderJob();
      await maybePollHistogram(id, status);
    } catch (e) {
      if (e.status === 404 && state.selected === id) { select(null); }
      handleError(e);
    }
  }

  // Every few seconds while the job runs, at once when it finishes, and no more once a finished job's scores are drawn.
  async function maybePollHistogram(id, status) {
    const finished = FINISHED.includes(status.phase);
    const due = Date.now() - state.histogramAt >= HISTOGRAM_EVERY_MS;
    if (state.histogramFinal || !(due || (finished && status.shards_done !== state.histogramShards))) { return; }
    state.histogramAt = Date.now();
    state.histogramShards = status.shards_done;
    try {
      const histogram = await api(`/api/v1/jobs/${encodeURIComponent(id)}/histogram?bins=30`, true);
      if (state.selected !== id) { return; }
      state.histogramFinal = finished && histogram.count > 0;
      renderHistogram(histogram);
    } catch (e) {
      handleError(e);
    }
  }

  function handleError(e) {
    if (e.unauthorized) {
      state.unauthorized = true;
      setConnection('unauthorized', 'unknown API key');
      return;
    }
    setConnection('error', `server error: ${e.message}`);
  }

  // ---- selection --------------------------------------------------------------------------------------------------
  function jobFromHash() {
    const match = /^#job=(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function select(id) {
    if (state.selected === id) { return; }
    state.selected = id;
    state.status = null;
    state.samples = [];
    state.histogramAt = 0;
    state.histogramShards = -1;
    state.histogramFinal = false;
    const panel = $('job');
    panel.hidden = !id;
    panel.dataset.jobId = id || '';
    history.replaceState(null, '', location.pathname + location.search + (id ? `#job=${encodeURIComponent(id)}` : ''));
    clear($('rate-chart'));
    clear($('histogram'));
    $('histogram').dataset.bars = '0';
    renderJobs();
    if (id) { pollJob(id); }
  }

  // ---- derived values ---------------------------------------------------------------------------------------------
  function addSample(status) {
    const t = Date.now() / 1000;
    const samples = state.samples;
    const last = samples[samples.length - 1];
    if (last && status.tokens < last.tokens) { samples.length = 0; }
    samples.push({ t, tokens: status.tokens });
    while (samples.length > 2 && samples[0].t < t - WINDOW_S - RATE_SPAN_S) { samples.shift(); }
  }

  // tokens/s at each sample: the tokens added over the last RATE_SPAN_S seconds (or since the first sample).
  function rateSeries() {
    const samples = state.samples;
    const series = [];
    let j = 0;
    for (let i = 1; i < samples.length; i++) {
      while (j < i - 1 && samples[i].t - samples[j + 1].t >= RATE_SPAN_S) { j++; }
      const dt = samples[i].t - samples[j].t;
      if (dt > 0) { series.push({ t: samples[i].t, rate: (samples[i].tokens - samples[j].tokens) / dt }); }
    }
    return series;
  }

  function updateSiloRates(t) {
    const seen = new Set();
    for (const silo of (state.cluster && state.cluster.silos) || []) {
      seen.add(silo.address);
      if (!silo.worker) { continue; }
      const previous = state.siloPrevious.get(silo.address);
      if (previous && t > previous.t && silo.worker.tokens_scored >= previous.tokens) {
        state.siloRates.set(silo.address, (silo.worker.tokens_scored - previous.tokens) / (t - previous.t));
      }
      state.siloPrevious.set(silo.address, { t, tokens: silo.worker.tokens_scored });
    }
    for (const address of [...state.siloPrevious.keys()]) {
      if (!seen.has(address)) { state.siloPrevious.delete(address); state.siloRates.delete(address); }
    }
  }

  // ---- rendering --------------------------------------------------------------------------------------------------
  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } }

  function setValue(testId, value, text) {
    const el = byTestId(testId);
    el.dataset.value = String(value);
    el.textContent = text === undefined ? numberFormat.format(value) : text;
  }

  function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
  }

  function formatRate(rate) {
    if (rate >= 1e6) { return `${(rate / 1e6).toFixed(2)} M`; }
    if (rate >= 1e4) { return `${(rate / 1e3).toFixed(1)} k`; }
    return numberFormat.format(Math.round(rate));
  }

  function formatSeconds(seconds) {
    const s = Math.max(0, Math.round(seconds || 0));
    if (s >= 3600) { return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`; }
    if (s >= 60) { return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`; }
    return `${s} s`;
  }

  function formatTime(iso) {
    if (!iso) { return ''; }
    const date = new Date(iso);
    const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    return date.toDateString() === new Date().toDateString()
      ? time
      : `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
  }

  function formatSpan(seconds) {
    return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;
  }

  function percent(done, total, finished) {
    if (finished === 'succeeded') { return 100; }
    return total > 0 ? Math.min(100, (100 * done) / total) : 0;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function renderJobs() {
    const body = $('job-rows');
    clear(body);
    for (const job of state.jobs) {
      const row = document.createElement('tr');
      row.dataset.testid = 'job-row';
      row.dataset.jobId = job.job_id;
      row.dataset.phase = job.phase;
      row.tabIndex = 0;
      row.setAttribute('aria-selected', job.job_id === state.selected ? 'true' : 'false');
      row.title = job.job_id;
      cell(row, job.name || job.job_id, 'name');
      const phase = cell(row, '');
      const badge = document.createElement('span');
      badge.className = 'phase';
      badge.dataset.value = job.phase;
      badge.textContent = job.phase;
      phase.appendChild(badge);
      cell(row, `${Math.floor(percent(job.shards_done, job.shards_total, job.phase))} %`, 'num');
      cell(row, numberFormat.format(job.documents), 'num');
      cell(row, formatTime(job.submitted_utc));
      row.addEventListener('click', () => select(job.job_id));
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') { select(job.job_id); } });
      body.appendChild(row);
    }
    $('jobs-empty').hidden = state.jobs.length > 0;
    $('jobs-empty').textContent = state.key ? 'No jobs yet.' : 'Enter the team API key to see its jobs.';
  }

  function renderJob() {
    const s = state.status;
    if (!s) { return; }
    const finished = FINISHED.includes(s.phase);
    $('job-title').textContent = s.name || s.job_id;
    $('job-id').textContent = s.job_id;
    $('job-output').textContent = s.output || '';
    const phase = $('job-phase');
    phase.dataset.value = s.phase;
    phase.textContent = s.phase;

    const progress = $('progress');
    progress.dataset.phase = s.phase;
    progress.dataset.finished = finished ? 'true' : 'false';
    const shardsPercent = percent(s.shards_done, s.shards_total, s.phase);
    const bytesPercent = percent(s.bytes_done, s.bytes_total, s.phase);
    setBar('progress-shards', 'fill-shards', shardsPercent);
    setBar('progress-bytes', 'fill-bytes', bytesPercent);
    $('text-shards').textContent = `${numberFormat.format(s.shards_done)} / ${numberFormat.format(s.shards_total)} shards`;
    $('text-bytes').textContent = `${formatBytes(s.bytes_done)} / ${formatBytes(s.bytes_total)}`;

    setValue('documents', s.documents);
    setValue('selected', s.selected);
    setValue('quarantined', s.quarantined);
    setValue('tokens', s.tokens);
    setValue('shards-done', s.shards_done);
    setValue('shards-leased', s.shards_leased);
    // Waiting for a first worker: the job's place among the waiting jobs, and how long it has waited so far.
    const waiting = !finished && !s.first_lease_utc;
    setValue('queue-position', waiting && s.queue_position != null ? s.queue_position : '',
      waiting && s.queue_position != null ? `#${s.queue_position}` : '–');
    setValue('wait-time', s.wait_seconds || 0,
      s.first_lease_utc || waiting ? `${formatSeconds(s.wait_seconds)}${waiting ? ' so far' : ''}` : '–');
    const share = s.documents > 0 ? s.selected / s.documents : 0;
    setValue('selected-share', share, s.documents > 0 ? `${(100 * share).toFixed(1)} %` : '–');
    $('share-fill').style.width = `${(100 * share).toFixed(2)}%`;

    renderCascade(s);

    const series = rateSeries();
    const current = finished ? 0 : (series.length ? series[series.length - 1].rate : 0);
    setValue('tokens-per-second', current, series.length || finished ? formatRate(current) : '–');
    renderRateChart(series);

    const failures = $('failures');
    const failed = s.shards_failed > 0 || s.phase === 'failed';
    failures.dataset.state = failed ? 'failed' : (s.phase === 'cancelled' ? 'cancelled' : 'none');
    setValue('shards-failed', s.shards_failed);
    const message = s.message || '';
    const problem = failed || s.phase === 'cancelled';
    byTestId('failure-message').textContent = problem ? (message || 'the job failed') : 'none';
    $('job-message').textContent = problem ? '' : message;
    renderSilos();
  }

  // A cascade job: the pilot's cut, pass rate and recall bound, and the documents the first stage kept from the LLM.
  function renderCascade(s) {
    const panel = $('cascade');
    const pilot = s.cascade || null;
    const reached = typeof s.model_documents === 'number' ? s.model_documents : null;
    panel.hidden = !pilot && reached === null;
    panel.dataset.state = pilot ? (pilot.cut === null ? 'no-cut' : 'cut') : (reached === null ? 'none' : 'pilot');
    const pct = (fraction) => `${(100 * fraction).toFixed(1)} %`;
    $('cascade-method').textContent = pilot ? `first stage ${pilot.method}` : 'the pilot has not run yet';
    if (pilot && pilot.cut !== null) {
      setValue('cascade-cut', pilot.cut, String(Number(pilot.cut.toPrecision(4))));
      setValue('cascade-recall', pilot.recall_lower, `≥ ${pct(pilot.recall_lower)}`);
      byTestId('cascade-recall').title = `estimate ${pct(pilot.recall)}, lower bound at ${pct(pilot.confidence)} confidence (target ${pct(pilot.target_recall)})`;
    } else {
      setValue('cascade-cut', '', pilot ? 'none' : '–');
      setValue('cascade-recall', '', '–');
      byTestId('cascade-recall').title = '';
    }
    if (pilot) {
      setValue('cascade-pass-rate', pilot.pilot_pass_rate, pct(pilot.pilot_pass_rate));
      byTestId('cascade-pass-rate').title = `${numberFormat.format(pilot.pilot_documents)} pilot documents, ${numberFormat.format(pilot.pilot_kept)} kept by the LLM`;
    } else {
      setValue('cascade-pass-rate', '', '–');
    }
    if (reached !== null && s.documents > 0) {
      const saved = Math.max(0, s.documents - reached);
      setValue('cascade-reached', reached, `${numberFormat.format(reached)} (${pct(reached / s.documents)})`);
      setValue('cascade-saved', saved, `${numberFormat.format(saved)} (${pct(saved / s.documents)})`);
    } else {
      setValue('cascade-reached', 0, '–');
      setValue('cascade-saved', 0, '–');
    }
    $('cascade-note').textContent = pilot && pilot.note ? `every document reaches the LLM: ${pilot.note}` : '';
  }

  function setBar(testId, fillId, value) {
    const bar = byTestId(testId);
    bar.dataset.value = value.toFixed(1);
    bar.setAttribute('aria-valuenow', value.toFixed(1));
    $(fillId).style.width = `${value.toFixed(2)}%`;
  }

  function svgSize(svg) {
    const width = Math.max(200, Math.round(svg.clientWidth || 600));
    const height = Math.max(100, Math.round(svg.clientHeight || 180));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    return { width, height };
  }

  function svgElement(parent, name, attributes, text) {
    const el = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) { el.setAttribute(key, String(value)); }
    if (text !== undefined) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }

  function renderRateChart(series) {
    const svg = $('rate-chart');
    clear(svg);
    const { width, height } = svgSize(svg);
    const left = 52;
    const right = 8;
    const top = 8;
    const bottom = 20;
    // The time axis spans the samples seen (at least a minute, at most the last 15 minutes).
    const now = Date.now() / 1000;
    const first = state.samples.length ? state.samples[0].t : now;
    const span = Math.min(WINDOW_S, Math.max(60, now - first));
    const start = now - span;
    const visible = series.filter((p) => p.t >= start);
    svg.dataset.points = String(visible.length);
    const max = Math.max(1, ...visible.map((p) => p.rate)) * 1.1;
    const x = (t) => left + ((t - start) / span) * (width - left - right);
    const y = (rate) => top + (1 - rate / max) * (height - top - bottom);

    for (const fraction of [0, 0.5, 1]) {
      const value = max * fraction;
      svgElement(svg, 'line', { class: fraction === 0 ? 'axis' : 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) });
      svgElement(svg, 'text', { class: 'tick', x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatRate(value));
    }
    svgElement(svg, 'text', { class: 'tick', x: left, y: height - 4 }, `−${formatSpan(span)}`);
    svgElement(svg, 'text', { class: 'tick', x: width - right, y: height - 4, 'text-anchor': 'end' }, 'now');

    if (visible.length < 2) {
      svgElement(svg, 'text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'collecting samples…');
      return;
    }
    const points = visible.map((p) => `${x(p.t).toFixed(1)},${y(p.rate).toFixed(1)}`);
    svgElement(svg, 'polygon', {
      class: 'area',
      points: `${x(visible[0].t).toFixed(1)},${y(0)} ${points.join(' ')} ${x(visible[visible.length - 1].t).toFixed(1)},${y(0)}`,
    });
    svgElement(svg, 'polyline', { class: 'line', points: points.join(' '), 'data-testid': 'tokens-line' });
  }

  function renderHistogram(histogram) {
    const svg = $('histogram');
    clear(svg);
    const { width, height } = svgSize(svg);
    const bins = histogram.bins || [];
    svg.dataset.bars = String(bins.filter((b) => b.count > 0).length);
    setValue('histogram-count', histogram.count, histogram.count > 0 ? `(${numberFormat.format(histogram.count)} scores)` : '');
    const left = 8;
    const right = 8;
    const top = 8;
    const bottom = 20;
    svgElement(svg, 'line', { class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom });
    if (!bins.length) {
      svgElement(svg, 'text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no scores yet');
      return;
    }
    const max = Math.max(1, ...bins.map((b) => b.count));
    const slot = (width - left - right) / bins.length;
    bins.forEach((bin, i) => {
      const h = (bin.count / max) * (height - top - bottom);
      const bar = svgElement(svg, 'rect', {
        class: 'hbar',
        x: (left + i * slot + 1).toFixed(1),
        y: (height - bottom - h).toFixed(1),
        width: Math.max(1, slot - 2).toFixed(1),
        height: h.toFixed(1),
        'data-testid': 'histogram-bar',
        'data-count': bin.count,
        'data-lower': bin.lower,
        'data-upper': bin.upper,
      });
      svgElement(bar, 'title', {}, `${bin.lower.toFixed(3)} … ${bin.upper.toFixed(3)}: ${numberFormat.format(bin.count)}`);
    });
    svgElement(svg, 'text', { class: 'tick', x: left, y: height - 4 }, histogram.min.toFixed(2));
    svgElement(svg, 'text', { class: 'tick', x: width - right, y: height - 4, 'text-anchor': 'end' }, histogram.max.toFixed(2));
    if (histogram.min < 0 && histogram.max > 0) {
      const zero = left + ((0 - histogram.min) / (histogram.max - histogram.min)) * (width - left - right);
      svgElement(svg, 'text', { class: 'tick', x: zero, y: height - 4, 'text-anchor': 'middle' }, '0');
    }
  }

  function renderSilos() {
    const body = $('silo-rows');
    clear(body);
    const jobRates = (state.status && state.status.worker_tokens_per_second) || {};
    const silos = new Map();
    for (const silo of (state.cluster && state.cluster.silos) || []) { silos.set(silo.address, silo); }
    for (const address of Object.keys(jobRates)) {
      if (!silos.has(address)) { silos.set(address, { address, status: 'gone', worker: null }); }
    }
    const maxRate = Math.max(1, ...Object.values(jobRates), ...state.siloRates.values());
    for (const silo of silos.values()) {
      const row = document.createElement('tr');
      row.dataset.testid = 'silo-row';
      row.dataset.silo = silo.address;
      const w = silo.worker;
      cell(row, silo.address.split('@')[0]).title = `${silo.address} (${silo.status})`;
      cell(row, w ? w.device : '–');
      cell(row, w ? (w.busy ? 'busy' : 'idle') : silo.status, w && w.busy ? 'busy' : 'idle');
      const now = state.siloRates.get(silo.address);
      cell(row, now === undefined ? '–' : formatRate(now), 'num').dataset.testid = 'silo-rate';
      const jobRate = jobRates[silo.address];
      const jobCell = cell(row, jobRate === undefined ? '–' : formatRate(jobRate), 'num');
      jobCell.dataset.testid = 'silo-job-rate';
      jobCell.dataset.value = String(jobRate || 0);
      const barCell = cell(row, '');
      const track = document.createElement('div');
      track.className = 'tbar';
      const fill = document.createElement('div');
      fill.style.width = `${(100 * Math.max(jobRate || 0, now || 0)) / maxRate}%`;
      track.appendChild(fill);
      barCell.appendChild(track);
      cell(row, w ? numberFormat.format(w.tokens_scored) : '–', 'num');
      cell(row, w ? numberFormat.format(w.shards_completed) : '–', 'num');
      body.appendChild(row);
    }
    $('silos-empty').hidden = silos.size > 0;
    $('silos-empty').textContent = state.cluster ? 'No silo is active.' : 'Waiting for the cluster…';
  }

  // ---- start ------------------------------------------------------------------------------------------------------
  function start() {
    $('key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = $('api-key').value.trim();
      if (value) { setKey(value); } else { tick(); }
    });
    $('key-forget').addEventListener('click', () => setKey(''));
    window.addEventListener('hashchange', () => { const id = jobFromHash(); if (id) { select(id); } });
    renderJobs();
    renderSilos();
    setKey(initialKey());
    setInterval(tick, TICK_MS);
  }

  start();
})();
