// vntext web page. Plain JavaScript, no framework, no build step: the
// server compiles this file into the binary. Routes live in the hash:
//   #/search?q=…&page=…&year=…&sort=date   #/doc/<id>?at=<byte offset>   #/deadlines?from=&to=&org=
//   #/people?title=   #/directives?cited_by=   #/attendees?event=&person=
// Every value from the index is put in the page as text (never as HTML).
// The page speaks Vietnamese only: API errors (English, for programs) are
// shown through viMessage().
'use strict';

const TYPES = [
  ['person', 'Người'],
  ['title', 'Chức danh'],
  ['organization', 'Tổ chức'],
  ['location', 'Địa danh'],
  ['directive', 'Văn bản'],
  ['date', 'Ngày tháng'],
  ['deadline', 'Thời hạn'],
];
const TYPE_LABEL = Object.fromEntries(TYPES);
const PER_PAGE = 10;
const MAX_ROWS = 500;

const view = () => document.getElementById('view');

// Build an element: h('a', {href: '#'}, 'text', child, …). Strings become text nodes.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function show(...nodes) {
  const v = view();
  v.replaceChildren(...nodes);
}

// --- routing -------------------------------------------------------------

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { path, params };
}

function hashFor(path, params) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && String(v) !== '') s.set(k, v);
  }
  const qs = s.toString();
  return '#/' + path + (qs ? '?' + qs : '');
}

// A report, opened at the entity starting at byte `at` when given.
function docHref(id, at) {
  return '#/doc/' + encodeURIComponent(id) + (at === undefined || at === null ? '' : '?at=' + at);
}

let generation = 0;

async function route() {
  const gen = ++generation;
  const { path, params } = parseHash();
  const section = path.split('/')[0] || 'search';
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.dataset.nav === (section === 'doc' ? 'search' : section));
  }
  try {
    if (section === 'doc') {
      const at = params.get('at');
      await renderDoc(decodeURIComponent(path.slice(4)), gen, at === null ? null : Number(at));
    } else if (LISTINGS[section]) {
      await renderListing(section, params, gen);
    } else {
      await renderSearch(params, gen);
    }
  } catch (err) {
    if (gen === generation) show(errorBox(err));
  }
}

// --- API -----------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super(viMessage(status, body || {}));
    this.status = status;
    this.body = body || {};
  }
}

// What the query parser says (English, column in `column`), in Vietnamese.
const QUERY_ERRORS = [
  [/quote .*never closed/, 'dấu ngoặc kép mở ở đây chưa được đóng'],
  [/'\(' is never closed/, 'dấu “(” chưa được đóng'],
  [/'\)' without a matching/, 'dấu “)” không có “(” tương ứng'],
  [/empty parentheses/, 'cặp ngoặc rỗng'],
  [/empty phrase/, 'cụm từ rỗng'],
  [/empty query/, 'truy vấn rỗng'],
  [/^(AND|OR|NOT) needs a term after/, 'thiếu từ sau toán tử $1'],
  [/^(AND|OR) needs a term before/, 'thiếu từ trước toán tử $1'],
  [/value is missing after the field/, 'thiếu giá trị sau tên trường'],
  [/date is missing/, 'thiếu ngày sau tên trường (vd. date:2021-03)'],
  [/range ends before it starts/, 'khoảng ngày kết thúc trước khi bắt đầu'],
];

// Filter names the listings and search send, as the page labels them.
const PARAM_LABELS = {
  from: 'Từ ngày', to: 'Đến ngày', org: 'Đơn vị chịu trách nhiệm', title: 'Chức danh',
  cited_by: 'Dẫn bởi', event: 'Sự kiện', person: 'Người', q: 'Truy vấn', page: 'Trang',
  per_page: 'Số kết quả mỗi trang', year: 'Năm', sort: 'Sắp xếp', format: 'Định dạng',
};

// An API error in the page's language, from its status and fields (the
// English text is for programs and never shown).
function viMessage(status, b) {
  if (b.column) {
    const err = (b.error || '').replace(/^bad query at column \d+: /, '');
    let reason = 'cú pháp không hợp lệ';
    for (const [re, vi] of QUERY_ERRORS) {
      const m = re.exec(err);
      if (m) { reason = vi.replace('$1', m[1] || ''); break; }
    }
    return `Truy vấn có lỗi ở cột ${b.column}: ${reason}.`;
  }
  if (b.parameter) {
    const label = PARAM_LABELS[b.parameter] || b.parameter;
    const value = new URLSearchParams(location.hash.split('?')[1] || '').get(b.parameter);
    if (b.parameter === 'from' || b.parameter === 'to') {
      return `Ô “${label}”: “${value || ''}” không phải là ngày (viết 2021, 2021-06, 2021-06-30 hoặc 30/6/2021).`;
    }
    return `Ô “${label}” có giá trị không hợp lệ${value ? `: “${value}”` : ''}.`;
  }
  if (b.limit) return `Yêu cầu vượt giới hạn (${b.limit}); hãy thu hẹp truy vấn.`;
  switch (status) {
    case 404: return b.id ? `Không có báo cáo mã “${b.id}”.` : 'Không tìm thấy trang hoặc báo cáo này.';
    case 400: return 'Yêu cầu không hợp lệ.';
    case 413: return 'Văn bản quá lớn.';
    case 500: return 'Máy chủ gặp lỗi khi đọc chỉ mục.';
    default: return `Máy chủ trả lỗi (mã ${status}).`;
  }
}

async function api(url) {
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('Không kết nối được máy chủ.');
  }
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

function errorBox(err) {
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Lỗi: '), err.message);
  const b = err.body || {};
  if (b.query && b.column) {
    box.append(h('pre', {}, b.query + '\n' + ' '.repeat(Math.max(0, b.column - 1)) + '^'));
  }
  return box;
}

// --- offsets -------------------------------------------------------------

// The API gives UTF-8 byte offsets; JavaScript strings index UTF-16 units.
// Returns a function mapping a byte offset (on a char boundary) to an index.
function byteIndex(text) {
  const at = new Map();
  let b = 0;
  let u = 0;
  for (const ch of text) {
    at.set(b, u);
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    u += ch.length;
  }
  at.set(b, u);
  return (off) => {
    if (at.has(off)) return at.get(off);
    // Not on a boundary: the next one.
    for (let o = off; o <= b; o++) if (at.has(o)) return at.get(o);
    return u;
  };
}

function highlighted(text, ranges) {
  const idx = byteIndex(text);
  const out = [];
  let at = 0;
  for (const [a, b] of ranges || []) {
    const s = idx(a);
    const e = idx(b);
    if (s < at) continue;
    out.push(text.slice(at, s), h('mark', {}, text.slice(s, e)));
    at = e;
  }
  out.push(text.slice(at));
  return out;
}

// --- search ----------------------------------------------------------------

function fmtDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${+m[3]}/${+m[2]}/${m[1]}` : iso;
}

// Directive keys (`chi-thi:5-ct/tw`) shown as their document type and number.
const DOC_TYPES = {
  'chi-thi': 'Chỉ thị', 'nghi-quyet': 'Nghị quyết', 'ket-luan': 'Kết luận', 'quyet-dinh': 'Quyết định',
  'ke-hoach': 'Kế hoạch', 'huong-dan': 'Hướng dẫn', 'luat': 'Luật', 'thong-tu': 'Thông tư',
  'nghi-dinh': 'Nghị định', 'quy-dinh': 'Quy định', 'cong-van': 'Công văn', 'thong-bao': 'Thông báo',
  'chuong-trinh-hanh-dong': 'Chương trình hành động', 'chuong-trinh': 'Chương trình', 'de-an': 'Đề án',
};
function directiveLabel(key) {
  const i = key.indexOf(':');
  if (i < 0) return key;
  const type = DOC_TYPES[key.slice(0, i)];
  const num = key.slice(i + 1);
  return type ? `${type} ${/\d/.test(num) ? num.toUpperCase() : num}` : key;
}

// A directive as a reader names it: type and number ("Chỉ thị 05-CT/TW"),
// else its name ("Luật Đất đai năm 2024"), never its key.
function directiveName(d) {
  if (d.number) return `${d.doc_type} ${d.number}`;
  if (d.name) return d.name.toLowerCase().startsWith((d.doc_type || '').toLowerCase()) ? d.name : `${d.doc_type} ${d.name}`;
  return directiveLabel(d.key || '');
}

function quoteValue(v) {
  return '"' + v.replace(/"/g, '') + '"';
}

function describe(e) {
  switch (e.type) {
    case 'person': return e.refers_to ? `${e.name} → ${e.refers_to}` : e.name + (e.titles && e.titles.length ? ' — ' + e.titles.join(', ') : '');
    case 'title': return e.title + (e.organization ? ' — ' + e.organization : '');
    case 'organization': return e.expanded && e.expanded !== e.name ? `${e.name} (${e.expanded})` : e.name;
    case 'location': return `${e.name} (${e.level})`;
    case 'directive': return directiveName(e) + (e.number && e.name ? ' — ' + e.name : '') + (e.issued ? ` (${fmtDate(e.issued)})` : '');
    // a date without a known year has null from/to: show what the text says
    case 'date': return !e.from ? e.text : e.from === e.to ? fmtDate(e.from) : `${fmtDate(e.from)} – ${fmtDate(e.to)}`;
    // a deadline with no calendar day has a null due: show what the text says
    case 'deadline': return `${e.due ? fmtDate(e.due) : e.text}: ${e.task}` + (e.responsible ? ` (${e.responsible})` : '');
    default: return e.text;
  }
}

// Near-identical reports (the same report on other sites) collapsed into
// a hit: a button saying how many, showing them on demand.
function copiesOf(hit) {
  const copies = hit.copies || [];
  if (!copies.length) return null;
  const list = h('ul', { class: 'copies', hidden: '' }, copies.map((c) =>
    h('li', {}, h('a', { href: docHref(c.id) }, c.title || c.id), ' ',
      h('span', { class: 'muted' }, [fmtDate(c.date), c.id, c.source].filter(Boolean).join(' · ')))));
  const label = (open) => open ? `Ẩn ${copies.length} bản giống hệt` : `+ ${copies.length} bản giống hệt ở nơi khác`;
  const button = h('button', {
    class: 'secondary copies-toggle', type: 'button', 'aria-expanded': 'false',
    onclick: () => {
      const open = list.hidden;
      list.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      button.textContent = label(open);
    },
  }, label(false));
  return h('div', { class: 'copies-wrap' }, button, list);
}

async function renderSearch(params, gen) {
  const q = (params.get('q') || '').trim();
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  const year = params.get('year') || '';
  const sort = params.get('sort') === 'date' ? 'date' : '';
  const input = document.getElementById('q');
  if (document.activeElement !== input) input.value = q;
  if (!q) {
    const info = await api('/api/').catch(() => null);
    if (gen !== generation) return;
    show(intro(info));
    return;
  }
  show(h('p', { class: 'loading' }, 'Đang tìm…'));
  const url = '/api/search?' + new URLSearchParams(Object.assign(
    { q, page: String(page), per_page: String(PER_PAGE) }, year ? { year } : {}, sort ? { sort } : {}));
  let data;
  try {
    data = await api(url);
  } catch (err) {
    if (gen === generation) show(errorBox(err));
    return;
  }
  if (gen !== generation) return;
  const go = (over) => hashFor('search', Object.assign({ q, year, sort, page: '' }, over));

  const results = h('section', { class: 'results', id: 'results', 'aria-label': 'Kết quả' });
  results.append(h('p', { class: 'muted', id: 'total' },
    data.total === 0 ? 'Không có báo cáo nào khớp.' :
      `${data.total} báo cáo · trang ${data.page}/${Math.max(1, data.pages)}`));
  // Order of hits: best match (relevance) or newest first.
  const sortLink = (value, label) => value === sort
    ? h('span', { class: 'chip active', 'aria-current': 'true', 'data-sort': value || 'relevance' }, label)
    : h('a', { class: 'chip', href: go({ sort: value }), 'data-sort': value || 'relevance' }, label);
  results.append(h('div', { class: 'chips sort', id: 'sort', role: 'group', 'aria-label': 'Sắp xếp' },
    h('span', { class: 'muted' }, 'Sắp xếp:'), sortLink('', 'Liên quan nhất'), sortLink('date', 'Mới nhất')));
  if (year) {
    results.append(h('div', { class: 'chips' }, h('span', { class: 'chip' }, `Năm ${year}`,
      h('button', { title: 'Bỏ lọc năm', 'aria-label': 'Bỏ lọc năm', onclick: () => { location.hash = go({ year: '' }); } }, '×'))));
  }
  for (const hit of data.hits) {
    const chips = h('div', { class: 'chips' },
      (hit.entities || []).slice(0, 8).map((e) =>
        h('span', { class: 'chip ent-' + e.type, title: TYPE_LABEL[e.type] || e.type }, e.text)));
    results.append(h('article', { class: 'hit', 'data-id': hit.id },
      h('h2', {}, h('a', { href: docHref(hit.id), class: 'hit-link' }, hit.title || hit.id)),
      h('div', { class: 'meta' }, [fmtDate(hit.date), hit.id, hit.source].filter(Boolean).join(' · ')),
      h('p', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights)),
      chips, copiesOf(hit)));
  }
  if (data.pages > 1) {
    results.append(h('div', { class: 'pager' },
      page > 1 ? h('a', { class: 'button secondary', href: go({ page: String(page - 1) }) }, '← Trước') : null,
      h('span', { class: 'muted' }, `Trang ${page}/${data.pages}`),
      page < data.pages ? h('a', { class: 'button secondary', href: go({ page: String(page + 1) }) }, 'Sau →') : null));
  }

  const facets = h('aside', { class: 'facets', 'aria-label': 'Lọc' });
  const groups = [
    ['people', 'Người', 'person'],
    ['organizations', 'Tổ chức', 'org'],
    ['directives', 'Văn bản', 'directive'],
    ['years', 'Năm báo cáo', null],
  ];
  for (const [key, label, field] of groups) {
    const values = (data.facets && data.facets[key]) || [];
    if (!values.length) continue;
    facets.append(h('div', { class: 'facet', 'data-facet': key },
      h('h3', {}, label),
      h('ul', {}, values.map((f) => h('li', {},
        h('button', {
          class: 'link', type: 'button',
          onclick: () => {
            location.hash = field
              ? go({ q: `${q} ${field}:${quoteValue(f.value)}` })
              : go({ year: f.value });
          },
        }, key === 'directives' ? directiveLabel(f.value) : f.value),
        h('span', { class: 'count' }, String(f.count)))))));
  }
  show(h('div', { class: 'layout' }, facets, results));
}

function intro(info) {
  const ex = (q) => h('li', {}, h('a', { href: hashFor('search', { q }) }, h('code', {}, q)));
  return h('section', { class: 'examples' },
    h('h1', {}, 'Tra cứu báo cáo'),
    h('p', {}, info ? `Chỉ mục có ${info.reports} báo cáo. ` : '',
      'Gõ từ khóa có dấu hoặc không dấu. Ví dụ:'),
    h('ul', {},
      ex('chi thi 01-CT/TW'),
      ex('hội nghị quán triệt'),
      ex('person:"Nguyen Van" date:2021'),
      ex('org:"UBND tỉnh" deadline:<2021-07-01'),
      ex('directive:"01-CT/TW" OR directive:"21-KL/TW"')),
    h('p', { class: 'muted' },
      'Toán tử: AND, OR, NOT (viết hoa), "cụm từ", trường person:, org:, location:, directive:, title:, role:, id:, date:, deadline:.'));
}

// --- report view -------------------------------------------------------------

// Nest entities for rendering: sorted by start then longest first; an entity
// crossing its container's end is cut there.
function nestEntities(list) {
  const sorted = list.slice().sort((a, b) => a.s - b.s || b.e - a.e);
  const root = { s: 0, e: Infinity, children: [] };
  const stack = [root];
  for (const ent of sorted) {
    while (stack.length > 1 && stack[stack.length - 1].e <= ent.s) stack.pop();
    const parent = stack[stack.length - 1];
    const node = Object.assign({}, ent, { e: Math.min(ent.e, parent.e), children: [] });
    if (node.e <= node.s) continue;
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function renderSpan(text, node, from, to, out) {
  let at = from;
  for (const c of node.children) {
    if (c.s > at) out.push(text.slice(at, c.s));
    const e = c.ent;
    const mark = h('mark', {
      class: 'ent ent-' + e.type,
      id: 'ent-' + c.i,
      'data-type': e.type,
      title: `${TYPE_LABEL[e.type] || e.type}: ${describe(e)} [${e.rule}]`,
    });
    const inner = [];
    renderSpan(text, c, c.s, c.e, inner);
    mark.append(...inner.map((x) => (x instanceof Node ? x : document.createTextNode(x))));
    out.push(mark);
    at = c.e;
  }
  if (to > at) out.push(text.slice(at, to));
}

function entityKey(e) {
  switch (e.type) {
    case 'person': return e.refers_to || e.name;
    case 'title': return e.title + (e.organization ? ' ' + e.organization : '');
    case 'organization': return e.expanded || e.name;
    case 'location': return e.name;
    case 'directive': return e.refers_to || e.key;
    case 'date': return e.from ? e.from + '/' + e.to : e.text;
    case 'deadline': return (e.due || e.text) + ' ' + e.task;
    default: return e.text;
  }
}

function sideLabel(e) {
  switch (e.type) {
    case 'person': return e.refers_to || e.name;
    case 'organization': return e.expanded && e.expanded !== e.name ? `${e.name} — ${e.expanded}` : e.name;
    case 'directive': return describe(e);
    default: return describe(e);
  }
}

function searchLinkFor(e) {
  switch (e.type) {
    case 'person': return hashFor('search', { q: 'person:' + quoteValue(e.refers_to || e.name) });
    case 'organization': return hashFor('search', { q: 'org:' + quoteValue(e.expanded || e.name) });
    case 'location': return hashFor('search', { q: 'location:' + quoteValue(e.name) });
    case 'directive': return hashFor('search', { q: 'directive:' + quoteValue(e.refers_to || e.key) });
    case 'deadline': return e.due ? hashFor('deadlines', { from: e.due, to: e.due }) : null;
    default: return null;
  }
}

function flash(el) {
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}

async function renderDoc(id, gen, at) {
  show(h('p', { class: 'loading' }, 'Đang tải…'));
  const d = await api('/api/doc/' + encodeURIComponent(id).replace(/%2F/g, '/'));
  if (gen !== generation) return;
  const idx = byteIndex(d.text);
  const ents = d.entities.map((e, i) => ({ ent: e, i, s: idx(e.start), e: idx(e.end) }));
  const parts = [];
  renderSpan(d.text, nestEntities(ents), 0, d.text.length, parts);
  const textEl = h('div', { class: 'doctext', id: 'doctext', lang: 'vi' }, parts);

  const legend = h('div', { class: 'legend', id: 'legend', 'aria-label': 'Chú giải' },
    TYPES.map(([t, label]) => h('label', {},
      h('input', {
        type: 'checkbox', checked: true,
        onchange: (ev) => textEl.classList.toggle('hide-' + t, !ev.target.checked),
      }),
      h('span', { class: 'swatch ent-' + t }), label)));

  const side = h('aside', { class: 'side', id: 'side', 'aria-label': 'Thực thể' });
  for (const [t, label] of TYPES) {
    const groups = new Map();
    for (const x of ents) {
      if (x.ent.type !== t) continue;
      const k = entityKey(x.ent);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(x);
    }
    if (!groups.size) continue;
    let items = [...groups.values()];
    // by day; deadlines without one last
    const dayOf = (e) => (t === 'deadline' ? e.due || '\uffff' : e.from || '');
    if (t === 'deadline' || t === 'date') items.sort((a, b) => dayOf(a[0].ent).localeCompare(dayOf(b[0].ent)));
    side.append(h('details', { open: true, 'data-type': t },
      h('summary', {}, h('span', { class: 'swatch ent-' + t }), ` ${label} (${items.length})`),
      h('ul', {}, items.map((mentions) => {
        let next = 0;
        const e = mentions[0].ent;
        const link = searchLinkFor(e);
        return h('li', {},
          h('a', {
            href: '#', title: 'Đến chỗ nhắc trong văn bản',
            onclick: (ev) => {
              ev.preventDefault();
              const el = document.getElementById('ent-' + mentions[next % mentions.length].i);
              next++;
              if (el) flash(el);
            },
          }, sideLabel(e)),
          mentions.length > 1 ? h('span', { class: 'count' }, ` ×${mentions.length}`) : null,
          link ? h('span', { class: 'sub' }, ' · ', h('a', { href: link }, t === 'deadline' ? 'các thời hạn cùng ngày' : 'báo cáo khác')) : null);
      }))));
  }
  if (d.events && d.events.length) {
    side.append(h('details', { open: true },
      h('summary', {}, `Sự kiện (${d.events.length})`),
      h('ul', {}, d.events.map((ev) => h('li', {},
        h('strong', {}, ev.name || ev.kind), ev.date ? ` (${fmtDate(ev.date)})` : '',
        ev.chair ? h('div', { class: 'sub' }, 'Chủ trì: ' + ev.chair) : null,
        ev.organizer ? h('div', { class: 'sub' }, 'Tổ chức: ' + ev.organizer) : null,
        ev.attendees && ev.attendees.length
          ? h('div', { class: 'sub' }, 'Dự: ' + ev.attendees.map((a) => a.name + (a.titles.length ? ` (${a.titles.join(', ')})` : '')).join('; '))
          : null)))));
  }
  const source = /^https?:\/\//.test(d.source)
    ? h('a', { href: d.source, rel: 'noopener noreferrer', target: '_blank' }, d.source)
    : d.source;
  show(h('article', { class: 'doc', 'data-id': d.id },
    h('div', { class: 'doc-head' },
      h('p', {}, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); history.back(); } }, '← Quay lại')),
      h('h1', {}, d.title || d.id),
      h('p', { class: 'muted' }, [fmtDate(d.date), d.id].filter(Boolean).join(' · '), d.source ? ' · ' : '', source)),
    legend,
    h('div', { class: 'doc-layout' }, textEl, side)));
  window.scrollTo(0, 0);
  // Opened from a listing row: the entity the row rests on, marked.
  if (at !== null && at !== undefined) {
    const here = ents.filter((x) => x.ent.start === at).sort((a, b) => b.e - b.s - (a.e - a.s))[0];
    const el = here && document.getElementById('ent-' + here.i);
    if (el) {
      el.classList.add('target');
      el.setAttribute('tabindex', '-1');
      flash(el);
    }
  }
}

// --- listings ------------------------------------------------------------------

const dueIsPast = (r) => Boolean(r.report_date) && Boolean(r.due) && r.due < r.report_date;

const reportLinks = (ids) => ids.map((id, i) => [i ? ' ' : '', h('a', { href: docHref(id) }, id)]);

// The sentence a row rests on, its words as written marked, linked to the
// report at that spot.
function evidenceCell(r) {
  const ev = r.evidence;
  if (!ev || !ev.sentence) return '';
  const i = ev.text ? ev.sentence.indexOf(ev.text) : -1;
  const body = i < 0 ? [ev.sentence]
    : [ev.sentence.slice(0, i), h('mark', {}, ev.text), ev.sentence.slice(i + ev.text.length)];
  return h('a', { class: 'evidence', href: docHref(ev.report, ev.start), title: 'Mở báo cáo tại chỗ này' }, body);
}

// A deadline's day, what the text wrote and why the day differs from it.
function dueCell(r) {
  const written = r.evidence && r.evidence.text;
  return [
    // no calendar day (due null): a dash, and the deadline as written below
    h('span', { class: 'day' }, r.due ? fmtDate(r.due) : '—', dueIsPast(r) ? ' (đã qua)' : ''),
    written || r.text ? h('div', { class: 'sub written' }, `ghi: “${written || r.text}”`) : null,
    r.due_note ? h('div', { class: 'sub why' }, r.due_note) : null,
  ];
}

const noteCell = (r) => (r.note ? h('div', { class: 'sub note' }, r.note) : null);

const LISTINGS = {
  deadlines: {
    title: 'Thời hạn (theo ngày đến hạn)',
    filters: [['from', 'Từ ngày', 'VD: 2021-01'], ['to', 'Đến ngày', 'VD: 31/12/2021'], ['org', 'Đơn vị chịu trách nhiệm', 'VD: UBND tỉnh']],
    columns: [
      ['Hạn', dueCell, 'due'],
      ['Nhiệm vụ', (r) => r.task],
      ['Chịu trách nhiệm', (r) => r.responsible || ''],
      ['Trích dẫn', evidenceCell, 'evidence-cell'],
      ['Báo cáo', (r) => h('a', { href: docHref(r.report), title: r.title || '' }, r.title || r.report)],
      ['Ngày báo cáo', (r) => fmtDate(r.report_date), 'date'],
    ],
    // Past only against the report's own date (an archive is read years
    // later: today would make every deadline look overdue).
    rowClass: (r) => (dueIsPast(r) ? 'overdue' : ''),
  },
  people: {
    title: 'Nhân vật',
    filters: [['title', 'Chức danh', 'VD: Bí thư']],
    columns: [
      ['Họ tên', (r) => [h('a', { href: hashFor('search', { q: 'person:' + quoteValue(r.name) }) }, r.name), noteCell(r)]],
      ['Chức danh', (r) => r.titles.join('; ')],
      ['Lần nhắc', (r) => String(r.mentions)],
      ['Trích dẫn', evidenceCell, 'evidence-cell'],
      ['Báo cáo', (r) => reportLinks(r.reports)],
      ['Đầu tiên', (r) => fmtDate(r.first), 'date'],
      ['Gần nhất', (r) => fmtDate(r.last), 'date'],
    ],
  },
  directives: {
    title: 'Văn bản được dẫn',
    filters: [['cited_by', 'Dẫn bởi (mã báo cáo hoặc truy vấn)', 'VD: org:UBND']],
    columns: [
      ['Văn bản', (r) => [
        h('a', { href: hashFor('search', { q: [r.key, ...(r.aliases || [])].map((k) => 'directive:' + quoteValue(k)).join(' OR ') }) }, directiveName(r)),
        (r.aliases || []).length ? h('div', { class: 'sub' }, 'cũng ghi: ' + r.aliases.map(directiveLabel).join(', ')) : null,
        noteCell(r)]],
      ['Trích yếu', (r) => (r.number ? r.name || '' : '')],
      ['Cơ quan ban hành', (r) => r.issuer || ''],
      ['Ngày ban hành', (r) => fmtDate(r.issued), 'date'],
      ['Lần nhắc', (r) => String(r.mentions)],
      ['Trích dẫn', evidenceCell, 'evidence-cell'],
      ['Báo cáo', (r) => reportLinks(r.reports)],
    ],
  },
  attendees: {
    title: 'Người dự hội nghị, sự kiện',
    filters: [['event', 'Sự kiện', 'VD: hội nghị'], ['person', 'Người', 'VD: Nguyen Van']],
    columns: [
      ['Họ tên', (r) => r.name],
      ['Chức danh', (r) => r.titles.join('; ')],
      ['Sự kiện', (r) => r.event],
      ['Ngày', (r) => fmtDate(r.event_date), 'date'],
      ['Đơn vị tổ chức', (r) => r.organizer || ''],
      ['Trích dẫn', evidenceCell, 'evidence-cell'],
      ['Báo cáo', (r) => h('a', { href: docHref(r.report) }, r.report)],
    ],
  },
};

async function renderListing(name, params, gen) {
  const spec = LISTINGS[name];
  const values = {};
  for (const [k] of spec.filters) values[k] = params.get(k) || '';
  const form = h('form', {
    class: 'filters', id: 'filters',
    onsubmit: (ev) => {
      ev.preventDefault();
      const v = {};
      for (const [k] of spec.filters) v[k] = form.elements[k].value.trim();
      location.hash = hashFor(name, v);
    },
  },
  spec.filters.map(([k, label, ph]) => h('label', {}, label, h('input', { name: k, value: values[k], placeholder: ph }))),
  h('button', { type: 'submit' }, 'Lọc'));
  const qs = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
  const csvQs = new URLSearchParams(qs);
  csvQs.set('format', 'csv');
  const csv = h('a', { class: 'button secondary', id: 'csv', href: `/api/${name}?${csvQs}`, download: `${name}.csv` }, 'Tải CSV');
  show(h('h1', {}, spec.title), form, h('p', { class: 'loading' }, 'Đang tải…'));
  let data;
  try {
    data = await api(`/api/${name}?${qs}`);
  } catch (err) {
    if (gen === generation) show(h('h1', {}, spec.title), form, errorBox(err));
    return;
  }
  if (gen !== generation) return;
  const rows = data.rows.slice(0, MAX_ROWS);
  const table = h('table', { id: 'listing', 'data-listing': name },
    h('thead', {}, h('tr', {}, spec.columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map((r) => h('tr', { class: spec.rowClass ? spec.rowClass(r) : null },
      // data-label: the column's name, shown beside each cell when a narrow
      // screen stacks a row's cells (style.css)
      spec.columns.map(([label, cell, cls]) => h('td', { class: cls || null, 'data-label': label }, cell(r)))))));
  show(h('h1', {}, spec.title), form,
    h('p', { class: 'muted' }, `${data.count} dòng`,
      data.count > rows.length ? ` (hiển thị ${rows.length}; tải CSV để có tất cả)` : '', ' · ', csv),
    h('div', { class: 'table-wrap' }, table));
}

// --- start ------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = document.getElementById('q').value.trim();
    const target = hashFor('search', { q });
    if (location.hash === target) route();
    else location.hash = target;
  });
  window.addEventListener('hashchange', route);
  route();
});
