(function () {
  'use strict';
  // Renders the embedded inventory. Everything from the scan is untrusted: it reaches the page only
  // through textContent and attribute setters, never as markup.
  var PAGE = 100;
  var RANK = { high: 3, medium: 2, low: 1 };
  var SVGNS = 'http://www.w3.org/2000/svg';
  var D = JSON.parse(document.getElementById('sprawl-data').textContent);
  var scan = D.scan || {};
  var targets = scan.targets || [];
  var finished = Date.parse(scan.finishedAt) || Date.now();
  var secrets = D.secrets || [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function uniq(list) {
    var seen = {}, out = [];
    list.forEach(function (x) { if (x !== undefined && x !== null && x !== '' && !seen['$' + x]) { seen['$' + x] = 1; out.push(String(x)); } });
    return out;
  }
  function days(a, b) { return Math.floor((a - b) / 86400000); }
  function repoOf(l) { return l.repo || l.target || (l.source === 'image' && l.image) || (targets.length === 1 ? targets[0] : ''); }

  // Derived fields, computed once so filtering 10,000 secrets touches only plain values.
  var rows = secrets.map(function (s, i) {
    var locs = s.locations || [];
    var findings = s.findings || [];
    var dates = locs.map(function (l) { return Date.parse(l.date); }).filter(function (t) { return !isNaN(t); });
    var first = s.firstSeen ? Date.parse(s.firstSeen) : (dates.length ? Math.min.apply(null, dates) : NaN);
    var age = typeof s.ageDays === 'number' ? s.ageDays : (isNaN(first) ? null : Math.max(0, days(finished, first)));
    var exposure = typeof s.exposureDays === 'number' ? s.exposureDays : age;
    var sev = 0;
    findings.forEach(function (f) { sev = Math.max(sev, RANK[f.severity] || 0); });
    var owner = s.owner ? s.owner.name : null;
    var firstLoc = locs[0] || {};
    return {
      i: i, s: s, owner: owner, sev: sev, conf: RANK[s.confidence] || 0, age: age, exposure: exposure,
      first: isNaN(first) ? null : first,
      contexts: uniq(locs.map(function (l) { return l.context; })),
      repos: uniq(locs.map(repoOf)),
      codes: uniq(findings.map(function (f) { return f.code; })),
      where: (firstLoc.path || '') + (firstLoc.line ? ':' + firstLoc.line : ''),
      text: [s.type, s.rule, s.redacted, s.provider, owner, s.fingerprint].concat(locs.map(function (l) { return l.path; }))
        .join('\n').toLowerCase()
    };
  });

  // ---- summary -----------------------------------------------------------------------------------
  function count(pred) { var n = 0; rows.forEach(function (r) { if (pred(r)) { n++; } }); return n; }
  function tally(keysOf) {
    var m = {};
    rows.forEach(function (r) { keysOf(r).forEach(function (k) { m[k] = (m[k] || 0) + 1; }); });
    return Object.keys(m).map(function (k) { return { label: k, value: m[k] }; })
      .sort(function (a, b) { return b.value - a.value || (a.label < b.label ? -1 : 1); });
  }

  function header() {
    byId('targets').textContent = 'Targets: ' + targets.join(', ') + ' \u00b7 scanned ' + (scan.startedAt || '?') +
      ' \u2013 ' + (scan.finishedAt || '?') + ' \u00b7 ' + ((D.tool && D.tool.name) || 'sprawl') + ' ' +
      ((D.tool && D.tool.version) || '');
    var locations = 0;
    rows.forEach(function (r) { locations += (r.s.locations || []).length; });
    var baseline = rows.some(function (r) { return typeof r.s['new'] === 'boolean'; });
    var cards = [
      ['secrets', rows.length, 'secrets'],
      ['high', count(function (r) { return r.s.confidence === 'high'; }), 'high confidence', true],
      ['medium', count(function (r) { return r.s.confidence === 'medium'; }), 'medium'],
      ['low', count(function (r) { return r.s.confidence === 'low'; }), 'low'],
      ['orphaned', count(function (r) { return !r.owner; }), 'without owner', true],
      ['locations', locations, 'locations'],
      ['references', (D.references || []).length, 'named references']
    ];
    if (baseline) { cards.splice(1, 0, ['new', count(function (r) { return r.s['new'] === true; }), 'new since baseline', true]); }
    var box = byId('cards');
    cards.forEach(function (c) {
      var card = el('div', 'card' + (c[3] && c[1] > 0 ? ' bad' : ''));
      card.id = 'card-' + c[0];
      card.appendChild(el('b', null, c[1]));
      card.appendChild(el('span', null, c[2]));
      box.appendChild(card);
    });
    var incomplete = (scan.warnings || []).filter(function (w) { return w.incomplete; });
    if (scan.complete === false) {
      var warn = el('div', 'incomplete', 'Scan incomplete: ' + incomplete.length +
        ' warning(s) say something may have been missed (see Warnings below).');
      warn.id = 'incomplete';
      box.parentNode.insertBefore(warn, box.nextSibling);
    }
  }

  // A horizontal bar chart; each bar may be stacked (parts) and may set a filter when clicked.
  function chart(title, entries, filter, legend) {
    var box = el('div', 'chart');
    box.appendChild(el('h3', null, title));
    var shown = entries.slice(0, 10);
    var rowH = 20, labelW = 130, width = 320, barW = width - labelW - 40;
    var height = Math.max(1, shown.length) * rowH + 4;
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
    root.appendChild(svg('title', {}, title));
    var max = 0;
    shown.forEach(function (e) { max = Math.max(max, e.value); });
    if (!shown.length) { root.appendChild(svg('text', { x: 4, y: 15, 'class': 'none' }, 'nothing to show')); }
    shown.forEach(function (e, k) {
      var y = k * rowH + 2;
      var g = svg('g', { 'class': filter ? 'click' : '' });
      var label = e.label.length > 22 ? '\u2026' + e.label.slice(-21) : e.label;
      g.appendChild(svg('title', {}, e.label + ': ' + e.value));
      g.appendChild(svg('text', { x: labelW - 4, y: y + 13, 'text-anchor': 'end' }, label));
      var x = labelW;
      (e.parts || [{ value: e.value, cls: e.cls || 's-bar' }]).forEach(function (p) {
        var w = max ? Math.max(p.value ? 1 : 0, Math.round(p.value / max * barW)) : 0;
        g.appendChild(svg('rect', { x: x, y: y + 3, width: w, height: rowH - 6, 'class': p.cls }));
        x += w;
      });
      g.appendChild(svg('text', { x: x + 4, y: y + 13, 'class': 'v' }, e.value));
      if (filter) { g.addEventListener('click', function () { setFilter(filter, e.key !== undefined ? e.key : e.label); }); }
      root.appendChild(g);
    });
    box.appendChild(root);
    if (legend) { box.appendChild(el('div', 'legend', legend)); }
    if (entries.length > shown.length) { box.appendChild(el('div', 'legend', '+' + (entries.length - shown.length) + ' more')); }
    byId('charts').appendChild(box);
  }

  function charts() {
    var cats = tally(function (r) { return [r.s.category]; }).map(function (e) {
      var parts = ['high', 'medium', 'low'].map(function (c) {
        return { value: count(function (r) { return r.s.category === e.label && r.s.confidence === c; }), cls: 's-' + c };
      });
      return { label: e.label, value: e.value, parts: parts };
    });
    chart('Secrets by category and confidence', cats, 'category', 'red high \u00b7 amber medium \u00b7 grey low');
    var conf = ['high', 'medium', 'low'].map(function (c) {
      return { label: c, value: count(function (r) { return r.s.confidence === c; }), cls: 's-' + c };
    });
    chart('Secrets by confidence', conf, 'confidence');
    var owned = count(function (r) { return !!r.owner; });
    chart('Owned vs orphaned', [
      { label: 'owned', value: owned, cls: 's-ok', key: '' },
      { label: 'NO OWNER', value: rows.length - owned, cls: 's-high', key: '\u0000none' }
    ], 'owner');
    var buckets = [['< 30 days', 0, 30], ['30\u201390 days', 30, 90], ['90 days\u20131 year', 90, 365],
      ['1\u20132 years', 365, 730], ['> 2 years', 730, Infinity]];
    var ages = buckets.map(function (b) {
      return { label: b[0], value: count(function (r) { return r.exposure !== null && r.exposure >= b[1] && r.exposure < b[2]; }) };
    });
    ages.push({ label: 'unknown', value: count(function (r) { return r.exposure === null; }), cls: 's-low' });
    chart('Exposure age (since first seen in history)', ages.filter(function (a) { return a.value > 0; }), null,
      'from exposureDays, ageDays or the oldest commit date');
    chart('Top owners', tally(function (r) { return r.owner ? [r.owner] : []; }), 'owner');
    chart('Top repositories and targets', tally(function (r) { return r.repos; }), 'repo');
    chart('Top findings', tally(function (r) { return r.codes; }), 'finding');
  }

  function flatten(prefix, v, out) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.keys(v).forEach(function (k) { flatten(prefix ? prefix + '.' + k : k, v[k], out); });
    } else {
      out.push([prefix, Array.isArray(v) ? JSON.stringify(v) : String(v)]);
    }
    return out;
  }

  function programme() {
    if (!D.summary || typeof D.summary !== 'object') { return; }
    var d = el('details');
    d.id = 'summary';
    d.open = true;
    d.appendChild(el('summary', null, 'Programme metrics (summary)'));
    var t = el('table');
    flatten('', D.summary, []).forEach(function (kv) {
      var tr = el('tr');
      tr.appendChild(el('th', null, kv[0]));
      tr.appendChild(el('td', 'mono', kv[1]));
      t.appendChild(tr);
    });
    d.appendChild(t);
    byId('charts').parentNode.insertBefore(d, byId('charts').nextSibling);
  }

  // ---- filters, sorting, paging ------------------------------------------------------------------
  var state = { page: 0, sort: 'severity', dir: -1 };
  var filters = {
    category: { label: 'Category', values: function () { return tally(function (r) { return [r.s.category]; }); }, test: function (r, v) { return r.s.category === v; } },
    confidence: { label: 'Confidence', values: function () { return ['high', 'medium', 'low'].map(function (c) { return { label: c }; }); }, test: function (r, v) { return r.s.confidence === v; } },
    owner: { label: 'Owner', values: function () { return [{ label: 'NO OWNER', key: '\u0000none' }].concat(tally(function (r) { return r.owner ? [r.owner] : []; })); },
      test: function (r, v) { return v === '\u0000none' ? !r.owner : r.owner === v; } },
    context: { label: 'Context', values: function () { return tally(function (r) { return r.contexts; }); }, test: function (r, v) { return r.contexts.indexOf(v) >= 0; } },
    finding: { label: 'Finding', values: function () { return tally(function (r) { return r.codes; }); }, test: function (r, v) { return r.codes.indexOf(v) >= 0; } },
    repo: { label: 'Repository', values: function () { return tally(function (r) { return r.repos; }); }, test: function (r, v) { return r.repos.indexOf(v) >= 0; } },
    'new': { label: 'New', values: function () { return [{ label: 'new', key: 'yes' }, { label: 'not new', key: 'no' }]; },
      test: function (r, v) { return v === 'yes' ? r.s['new'] === true : r.s['new'] !== true; } }
  };
  var FILTER_KEYS = Object.keys(filters);

  function buildFilters() {
    var box = byId('filters');
    FILTER_KEYS.forEach(function (k) {
      var lab = el('label', null, filters[k].label);
      var sel = el('select');
      sel.id = 'f-' + k;
      var any = el('option', null, 'any');
      any.value = '';
      sel.appendChild(any);
      filters[k].values().forEach(function (v) {
        var o = el('option', null, v.label + (v.value !== undefined ? ' (' + v.value + ')' : ''));
        o.value = v.key !== undefined ? v.key : v.label;
        sel.appendChild(o);
      });
      sel.addEventListener('change', function () { state.page = 0; render(); });
      lab.appendChild(sel);
      box.appendChild(lab);
    });
    var lab = el('label', null, 'Search (type, path, owner)');
    var input = el('input');
    input.id = 'f-text';
    input.type = 'search';
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.page = 0; render(); }, 120);
    });
    lab.appendChild(input);
    box.appendChild(lab);
    var reset = el('button', null, 'Reset');
    reset.id = 'f-reset';
    reset.type = 'button';
    reset.addEventListener('click', function () {
      FILTER_KEYS.forEach(function (k) { byId('f-' + k).value = ''; });
      input.value = '';
      state.page = 0;
      render();
    });
    box.appendChild(reset);
  }

  function setFilter(key, value) {
    var sel = byId('f-' + key);
    sel.value = value;
    state.page = 0;
    render();
    byId('inventory').scrollIntoView();
  }

  var COLUMNS = [
    ['severity', 'Severity', function (r) { return r.sev; }],
    ['confidence', 'Confidence', function (r) { return r.conf; }],
    ['category', 'Category', function (r) { return r.s.category; }],
    ['type', 'Type', function (r) { return r.s.type; }],
    ['secret', 'Secret (redacted)', function (r) { return r.s.redacted; }],
    ['owner', 'Owner', function (r) { return r.owner || ''; }],
    ['locations', 'Locations', function (r) { return (r.s.locations || []).length; }],
    ['where', 'First location', function (r) { return r.where; }],
    ['age', 'Age (days)', function (r) { return r.age === null ? -1 : r.age; }],
    ['findings', 'Findings', function (r) { return r.codes.join(' '); }]
  ];

  function compare(a, b) {
    var col = COLUMNS.filter(function (c) { return c[0] === state.sort; })[0];
    var x = col[2](a), y = col[2](b);
    var c = x < y ? -1 : x > y ? 1 : 0;
    if (c === 0 && state.sort === 'severity') { c = a.conf - b.conf; }
    return c * state.dir || a.i - b.i;
  }

  function matching() {
    var active = FILTER_KEYS.map(function (k) { return [filters[k], byId('f-' + k).value]; })
      .filter(function (f) { return f[1] !== ''; });
    var q = byId('f-text').value.trim().toLowerCase();
    return rows.filter(function (r) {
      for (var k = 0; k < active.length; k++) { if (!active[k][0].test(r, active[k][1])) { return false; } }
      return !q || r.text.indexOf(q) >= 0;
    });
  }

  function pill(text, cls) { return el('span', 'pill ' + cls, text); }

  function render() {
    var list = matching().sort(compare);
    var pages = Math.max(1, Math.ceil(list.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * PAGE;
    var tbody = byId('rows');
    var fresh = el('tbody');
    fresh.id = 'rows';
    list.slice(from, from + PAGE).forEach(function (r) {
      var tr = el('tr');
      tr.setAttribute('data-fp', r.s.fingerprint);
      tr.tabIndex = 0;
      var sev = ['', 'low', 'medium', 'high'][r.sev];
      var c0 = el('td');
      if (sev) { c0.appendChild(pill(sev, sev)); }
      tr.appendChild(c0);
      var c1 = el('td');
      c1.appendChild(pill(r.s.confidence, r.s.confidence));
      if (r.s['new'] === true) { c1.appendChild(pill('new', 'new')); }
      if (r.s.ignored) { c1.appendChild(pill('ignored', 'plain')); }
      tr.appendChild(c1);
      tr.appendChild(el('td', null, r.s.category));
      tr.appendChild(el('td', null, r.s.type));
      tr.appendChild(el('td', 'mono', r.s.redacted));
      tr.appendChild(el('td', r.owner ? null : 'noowner', r.owner || 'NO OWNER'));
      tr.appendChild(el('td', null, (r.s.locations || []).length));
      tr.appendChild(el('td', 'mono', r.where));
      tr.appendChild(el('td', null, r.age === null ? '' : r.age));
      tr.appendChild(el('td', null, r.codes.join(', ')));
      tr.addEventListener('click', function () { detail(r); });
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { detail(r); } });
      fresh.appendChild(tr);
    });
    tbody.parentNode.replaceChild(fresh, tbody);
    byId('matched').textContent = String(list.length);
    byId('range').textContent = list.length ? (from + 1) + '\u2013' + Math.min(from + PAGE, list.length) : '0';
    byId('page').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    byId('prev').disabled = state.page === 0;
    byId('next').disabled = state.page >= pages - 1;
    document.querySelectorAll('th.sort').forEach(function (th) {
      th.classList.remove('asc', 'desc');
      if (th.getAttribute('data-key') === state.sort) { th.classList.add(state.dir > 0 ? 'asc' : 'desc'); }
    });
  }

  function buildTable() {
    var tr = byId('head');
    COLUMNS.forEach(function (c) {
      var th = el('th', 'sort', c[1]);
      th.setAttribute('data-key', c[0]);
      th.addEventListener('click', function () {
        state.dir = state.sort === c[0] ? -state.dir : (c[0] === 'severity' || c[0] === 'confidence' || c[0] === 'locations' || c[0] === 'age' ? -1 : 1);
        state.sort = c[0];
        state.page = 0;
        render();
      });
      tr.appendChild(th);
    });
    byId('total').textContent = String(rows.length);
    byId('prev').addEventListener('click', function () { state.page--; render(); });
    byId('next').addEventListener('click', function () { state.page++; render(); });
  }

  // ---- detail ------------------------------------------------------------------------------------
  function dl(pairs) {
    var d = el('dl');
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === '') { return; }
      d.appendChild(el('dt', null, p[0]));
      var dd = el('dd', p[2] || null);
      if (p[1] instanceof Node) { dd.appendChild(p[1]); } else { dd.textContent = String(p[1]); }
      d.appendChild(dd);
    });
    return d;
  }

  var LOCATION_KEYS = ['source', 'path', 'line', 'column', 'context', 'identity', 'repo'];

  function locationTable(locs) {
    var t = el('table');
    t.id = 'detail-locations';
    var h = el('tr');
    ['Source', 'Path', 'Line:col', 'Context', 'Where (commit / image)', 'Repository', 'Identity'].forEach(function (x) { h.appendChild(el('th', null, x)); });
    t.appendChild(h);
    locs.forEach(function (l) {
      var tr = el('tr');
      tr.appendChild(el('td', null, l.source));
      tr.appendChild(el('td', 'mono path', l.path));
      tr.appendChild(el('td', null, l.line + ':' + l.column));
      tr.appendChild(el('td', null, l.context));
      var where = el('td', 'mono');
      Object.keys(l).filter(function (k) { return LOCATION_KEYS.indexOf(k) < 0; }).sort().forEach(function (k) {
        var v = l[k];
        where.appendChild(el('div', 'kv', k + ': ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)));
      });
      tr.appendChild(where);
      tr.appendChild(el('td', 'mono', l.repo || ''));
      var id = el('td', 'mono');
      (l.identity || []).forEach(function (x) { id.appendChild(el('div', null, x.kind + ': ' + x.value + (x.line ? ' (line ' + x.line + ')' : ''))); });
      tr.appendChild(id);
      t.appendChild(tr);
    });
    return t;
  }

  function detail(r) {
    var s = r.s;
    var box = byId('detail');
    while (box.firstChild) { box.removeChild(box.firstChild); }
    document.querySelectorAll('#rows tr.sel').forEach(function (x) { x.classList.remove('sel'); });
    var row = document.querySelector('#rows tr[data-fp="' + s.fingerprint.replace(/[^a-z0-9:]/g, '') + '"]');
    if (row) { row.classList.add('sel'); }
    var close = el('button', null, 'Close');
    close.type = 'button';
    close.id = 'detail-close';
    close.addEventListener('click', function () { box.hidden = true; });
    box.appendChild(close);
    box.appendChild(el('h2', null, s.type + ' \u00b7 ' + s.redacted));
    var owner = s.owner ? s.owner.name + ' (' + s.owner.source + (s.owner.origin ? ', ' + s.owner.origin : '') + ')' +
      (s.owner.coOwners && s.owner.coOwners.length ? '; co-owners ' + s.owner.coOwners.join(', ') : '') : 'NO OWNER';
    var suggested = (s.suggestedOwners || []).map(function (o) { return o.name + ' (' + o.commits + ' commits)'; }).join(', ');
    var nhi = s.nhi ? flatten('', s.nhi, []).filter(function (kv) { return kv[1] !== 'null'; }).map(function (kv) { return kv[0] + ': ' + kv[1]; }).join('; ') : '';
    box.appendChild(dl([
      ['Fingerprint', s.fingerprint, 'mono'], ['Rule', s.rule], ['Category', s.category], ['Provider', s.provider],
      ['Confidence', s.confidence], ['Owner', owner], ['Suggested owners', suggested], ['Identity (manifest)', nhi],
      ['New', typeof s['new'] === 'boolean' ? (s['new'] ? 'yes' : 'no') : ''], ['Ignored', s.ignored ? s.ignoreReason : ''],
      ['First seen', s.firstSeen], ['Last seen', s.lastSeen], ['Age (days)', r.age], ['Exposure (days)', s.exposureDays],
      ['Secret', s.secret, 'mono']
    ]));
    box.appendChild(el('h3', null, 'Findings'));
    var fl = el('ul');
    fl.id = 'detail-findings';
    (s.findings || []).forEach(function (f) {
      var li = el('li');
      li.appendChild(pill(f.severity, f.severity));
      li.appendChild(el('b', null, f.code + ' '));
      li.appendChild(document.createTextNode(f.message));
      fl.appendChild(li);
    });
    if (!(s.findings || []).length) { fl.appendChild(el('li', null, 'none')); }
    box.appendChild(fl);
    var attrs = s.attributes || {};
    if (Object.keys(attrs).length) {
      box.appendChild(el('h3', null, 'Attributes'));
      box.appendChild(dl(Object.keys(attrs).sort().map(function (k) { return [k, attrs[k], 'mono']; })));
    }
    box.appendChild(el('h3', null, 'Locations (' + (s.locations || []).length + ')'));
    box.appendChild(locationTable(s.locations || []));
    box.hidden = false;
    box.scrollIntoView();
  }

  function warnings() {
    var list = scan.warnings || [];
    var d = byId('warnings');
    d.appendChild(el('summary', null, 'Warnings (' + list.length + ')'));
    var t = el('table');
    list.forEach(function (w) {
      var tr = el('tr');
      tr.appendChild(el('td', null, w.incomplete ? 'incomplete' : 'note'));
      tr.appendChild(el('td', 'mono', w.code));
      tr.appendChild(el('td', 'mono', w.path || ''));
      tr.appendChild(el('td', null, w.message));
      t.appendChild(tr);
    });
    d.appendChild(t);
  }

  header();
  charts();
  programme();
  buildFilters();
  buildTable();
  warnings();
  render();
  document.body.setAttribute('data-ready', 'true');
}());
