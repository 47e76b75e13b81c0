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
    prefixCurve: [],
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
    state.prefixCurve = [];
    state.histogramAt = 0;
    state.histogramShards = -1;
    state.histogramFinal = false;
    clear($('prefix-chart'));
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
  // Committed counts and those of the shards in progress (kept apart by the server; a lost lease drops its share).
  const soFar = (s, name) => (s[name] || 0) + (s[`in_flight_${name}`] || 0);

  // How far a job is: by input bytes (in-flight ones included) when known, otherwise by shards.
  function jobPercent(s) {
    return s.bytes_total > 0
      ? percent(Math.min(s.bytes_total, s.bytes_done + (s.in_flight_bytes || 0)), s.bytes_total, s.phase)
      : percent(s.shards_done, s.shards_total, s.phase);
  }

  function addSample(status) {
    const t = Date.now() / 1000;
    const samples = state.samples;
    const last = samples[samples.length - 1];
    const tokens = soFar(status, 'tokens');
    // Two reads a moment apart (selecting a job reads it at once) would make a spike of a rate: the first is kept.
    if (last && tokens < last.tokens) { samples.length = 0; } else if (last && t - last.t < 0.5) { return; }
    samples.push({ t, tokens });
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

  function formatTime(iso, short) {
    if (!iso) { return ''; }
    const date = new Date(iso);
    const today = date.toDateString() === new Date().toDateString();
    const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: short && !today ? undefined : '2-digit', hour12: false });
    if (today) { return time; }
    const day = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    return short ? day : `${day} ${time}`;
  }

  // A count in at most 6 characters (the jobs table): 987,654 · 1.23 M · 45.6 G.
  function formatCount(n) {
    if (n >= 1e9) { return `${(n / 1e9).toPrecision(3)} G`; }
    if (n >= 1e6) { return `${(n / 1e6).toPrecision(3)} M`; }
    return numberFormat.format(n);
  }

  // A "nice" step (1, 2 or 5 times a power of ten) that cuts span into about count parts.
  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    if (!(raw > 0) || !Number.isFinite(raw)) { return 1; }
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const fraction = raw / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  // Decimals that tell multiples of step apart (0.2 → 1, 0.05 → 2, 5 → 0).
  function decimalsFor(step) {
    return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
  }

  // Axis labels for a rate axis of ticks every step up to max: one unit and one precision for the whole axis.
  function rateTickFormat(max, step) {
    const [scale, unit] = max >= 1e6 ? [1e6, ' M'] : max >= 1e4 ? [1e3, ' k'] : [1, ''];
    const decimals = decimalsFor(step / scale);
    return (value) => (value === 0 ? '0' : `${(value / scale).toFixed(decimals)}${unit}`);
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
      cell(row, `${Math.floor(jobPercent(job))} %`, 'num').dataset.testid = 'job-progress';
      const documents = soFar(job, 'documents');
      const docs = cell(row, formatCount(documents), 'num');
      docs.title = numberFormat.format(documents);
      docs.dataset.testid = 'job-documents';
      docs.dataset.value = String(documents);
      const submitted = cell(row, formatTime(job.submitted_utc, true));
      submitted.title = job.submitted_utc ? new Date(job.submitted_utc).toString() : '';
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
    const inFlightBytes = finished ? 0 : Math.min(s.in_flight_bytes || 0, Math.max(0, s.bytes_total - s.bytes_done));
    setBar('progress-shards', 'fill-shards', shardsPercent);
    setBar('progress-bytes', 'fill-bytes', bytesPercent);
    const inFlightPercent = s.bytes_total > 0 ? (100 * inFlightBytes) / s.bytes_total : 0;
    $('fill-bytes-in-flight').style.width = `${inFlightPercent.toFixed(2)}%`;
    byTestId('progress-bytes-in-flight').dataset.value = inFlightPercent.toFixed(1);
    const leased = s.shards_leased > 0 && !finished ? ` · ${numberFormat.format(s.shards_leased)} in progress` : '';
    $('text-shards').textContent = `${numberFormat.format(s.shards_done)} / ${numberFormat.format(s.shards_total)} shards${leased}`;
    $('text-bytes').textContent = `${formatBytes(s.bytes_done + inFlightBytes)} / ${formatBytes(s.bytes_total)}`;

    // Documents so far: committed ones and those of the shards being scored (shown apart underneath).
    const documents = soFar(s, 'documents');
    const selected = soFar(s, 'selected');
    setValue('documents', documents);
    const inFlight = s.in_flight_documents || 0;
    setValue('in-flight-documents', inFlight, inFlight > 0 ? `${numberFormat.format(inFlight)} in flight` : '');
    setValue('selected', selected);
    setValue('quarantined', soFar(s, 'quarantined'));
    setValue('tokens', soFar(s, 'tokens'));
    setValue('shards-done', s.shards_done);
    setValue('shards-leased', s.shards_leased);
    // Waiting for a first worker: the job's place among the waiting jobs, and how long it has waited so far.
    const waiting = !finished && !s.first_lease_utc;
    setValue('queue-position', waiting && s.queue_position != null ? s.queue_position : '',
      waiting && s.queue_position != null ? `#${s.queue_position}` : '–');
    setValue('wait-time', s.wait_seconds || 0,
      s.first_lease_utc || waiting ? `${formatSeconds(s.wait_seconds)}${waiting ? ' so far' : ''}` : '–');
    const share = documents > 0 ? selected / documents : 0;
    setValue('selected-share', share, documents > 0 ? `${(100 * share).toFixed(1)} %` : '–');
    $('share-fill').style.width = `${(100 * share).toFixed(2)}%`;

    renderPrefix(s);
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

  // Prefix training: the last epoch's figures, and the NLL curve of the epochs this page has seen.
  function renderPrefix(s) {
    const panel = $('prefix');
    const p = s.prefix_training || null;
    panel.hidden = !p;
    panel.dataset.epoch = p ? String(p.epoch) : '';
    if (!p) { return; }
    const curve = state.prefixCurve;
    const last = curve[curve.length - 1];
    if (last && (p.epoch < last.epoch || p.domain !== last.domain)) { curve.length = 0; }
    if (!curve.length || curve[curve.length - 1].epoch !== p.epoch) {
      curve.push({ epoch: p.epoch, domain: p.domain, train: p.train_nll, heldOut: p.held_out_nll });
    }
    const training = s.phase === 'preparing';
    const domain = p.domains > 1 ? ` · domain ${p.domain} of ${p.domains}` : '';
    $('prefix-note').textContent = (training ? 'in progress' : 'done') + domain;
    setValue('prefix-epoch', p.epoch, `${p.epoch} / ${p.epochs}`);
    setValue('prefix-train-nll', p.train_nll == null ? '' : p.train_nll, p.train_nll == null ? '–' : p.train_nll.toFixed(4));
    $('prefix-check-label').textContent = p.held_out ? 'held-out NLL' : 'NLL (training windows)';
    setValue('prefix-heldout-nll', p.held_out_nll, p.held_out_nll.toFixed(4));
    setValue('prefix-seconds', p.seconds_per_epoch == null ? '' : p.seconds_per_epoch,
      p.seconds_per_epoch == null ? '–' : `${p.seconds_per_epoch.toFixed(1)} s`);
    renderPrefixChart(curve);
  }

  function renderPrefixChart(curve) {
    const svg = $('prefix-chart');
    clear(svg);
    const width = 240;
    const height = 70;
    svg.dataset.points = String(curve.length);
    if (curve.length < 2) { return; }
    const values = curve.flatMap((c) => (c.train == null ? [c.heldOut] : [c.train, c.heldOut]));
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const range = hi - lo || 1;
    const first = curve[0].epoch;
    const span = Math.max(1, curve[curve.length - 1].epoch - first);
    const x = (e) => 4 + ((e - first) / span) * (width - 8);
    const y = (v) => 6 + (1 - (v - lo) / range) * (height - 20);
    const line = (key, cls) => {
      const points = curve.filter((c) => c[key] != null).map((c) => `${x(c.epoch).toFixed(1)},${y(c[key]).toFixed(1)}`);
      if (points.length >= 2) { svgElement(svg, 'polyline', { class: cls, points: points.join(' ') }); }
    };
    line('heldOut', 'line');
    line('train', 'line train');
    svgElement(svg, 'text', { class: 'tick', x: 4, y: height - 2 }, `epoch ${first}`);
    svgElement(svg, 'text', { class: 'tick', x: width - 4, y: height - 2, 'text-anchor': 'end' }, `epoch ${curve[curve.length - 1].epoch}`);
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
    // Ticks every nice step (1, 2 or 5 × 10^n) from 0 to the first one above the highest rate, labelled with
    // one unit and just enough decimals to tell them apart.
    const highest = Math.max(0, ...visible.map((p) => p.rate));
    const step = niceStep(highest > 0 ? highest : 1, 3);
    const max = Math.max(1, Math.ceil((highest * 1.05) / step)) * step;
    const label = rateTickFormat(max, step);
    const x = (t) => left + ((t - start) / span) * (width - left - right);
    const y = (rate) => top + (1 - rate / max) * (height - top - bottom);

    for (let i = 0; i * step <= max * (1 + 1e-9); i++) {
      const value = i * step;
      svgElement(svg, 'line', { class: i === 0 ? 'axis' : 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) });
      svgElement(svg, 'text', { class: 'tick', x: left - 6, y: y(value) + 4, 'text-anchor': 'end', 'data-testid': 'rate-tick' }, label(value));
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
    const lo = histogram.min;
    const hi = histogram.max > histogram.min ? histogram.max : histogram.min + 1;
    const x = (value) => left + ((value - lo) / (hi - lo)) * (width - left - right);
    histogramTicks(svg, lo, hi, x, left, width - right, height - 4);
    if (typeof histogram.threshold === 'number') {
      thresholdMarker(svg, histogram.threshold, lo, hi, x, top, height - bottom);
    }
  }

  // Score ticks at nice values; a label that would overlap the one before it (or leave the chart) is left out.
  function histogramTicks(svg, lo, hi, x, minX, maxX, baseline) {
    const step = niceStep(hi - lo, 6);
    const decimals = decimalsFor(step);
    let lastRight = -Infinity;
    let lastText = '';
    for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
      const value = k * step;
      const text = (Math.abs(value) < step / 2 ? 0 : value).toFixed(decimals);
      const at = x(value);
      const half = labelWidth(text) / 2;
      const from = Math.max(minX, Math.min(at - half, maxX - 2 * half));
      if (from < lastRight + 6 || text === lastText) { continue; }
      lastText = text;
      svgElement(svg, 'line', { class: 'grid', x1: at, x2: at, y1: baseline - 14, y2: baseline - 10 });
      svgElement(svg, 'text', { class: 'tick', x: from + half, y: baseline, 'text-anchor': 'middle', 'data-testid': 'histogram-tick' }, text);
      lastRight = from + 2 * half;
    }
  }

  // Roughly how wide a tick label is (11 px digits); the layout is checked with the real boxes in the browser test.
  function labelWidth(text) { return 6.6 * text.length + 2; }

  // The selection cut-off: a dashed line where documents start to be selected, labelled on the side with room.
  function thresholdMarker(svg, threshold, lo, hi, x, top, bottom) {
    const inside = threshold >= lo && threshold <= hi;
    const at = inside ? x(threshold) : threshold < lo ? x(lo) : x(hi);
    const group = svgElement(svg, 'g', { 'data-testid': 'threshold-marker', 'data-value': threshold, 'data-inside': inside });
    svgElement(group, 'line', { class: 'marker', x1: at, x2: at, y1: top, y2: bottom });
    const text = `${inside ? '' : threshold < lo ? '← ' : '→ '}cut-off ${Number(threshold.toPrecision(4))}`;
    const leftSide = at > (x(lo) + x(hi)) / 2;
    svgElement(group, 'text', { class: 'marker-label', x: leftSide ? at - 4 : at + 4, y: top + 10, 'text-anchor': leftSide ? 'end' : 'start' }, text);
    svgElement(group, 'title', {}, `selected: score > ${threshold}`);
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
