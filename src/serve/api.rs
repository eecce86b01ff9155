//! The JSON API (mounted under `/api`). Every error is a JSON object
//! `{"error": "…", …}` with a fitting status: 400 for a malformed request
//! (a bad query comes with its `column`), 404 for an unknown report or
//! route, 405 for a wrong method, 413 for a body over the limit, 415 for a
//! body type that cannot be read, 422 for a well-formed request that makes
//! no sense (an empty text, a JSON body without `text`), 500 for an index
//! error.

use super::AppState;
use crate::commands::{BadDate, ListFormat, Listing, Rows};
use crate::model::{Entity, Event};
use crate::pipeline::{self, Stages};
use crate::read::RawDoc;
use crate::search::SearchError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// An error answer: a status and a JSON object holding at least `error`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Value,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({ "error": message.into() }),
        }
    }

    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// Add a field to the JSON body.
    fn with(mut self, key: &str, value: impl Into<Value>) -> ApiError {
        if let Value::Object(m) = &mut self.body {
            m.insert(key.to_string(), value.into());
        }
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            SearchError::Query(q) => {
                ApiError::bad(format!("bad query at column {}: {}", q.column, q.message))
                    .with("column", q.column)
                    .with("query", q.query)
            }
            SearchError::Index(e) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("index error: {e}"),
            ),
        }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Run index work on the blocking pool; a panic there becomes a 500.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error: {e}"),
        ))
    })
}

/// The API's routes.
pub fn router(limits: super::Limits) -> Router<AppState> {
    let max_body = limits.max_body;
    Router::new()
        .route("/", get(info))
        .route("/search", get(search))
        .route("/doc/{*id}", get(doc))
        .route("/deadlines", get(deadlines))
        .route("/attendees", get(attendees))
        .route("/people", get(people))
        .route("/directives", get(directives))
        .route("/extract", post(extract))
        .fallback(unknown_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(max_body))
}

async fn unknown_route() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such endpoint; see GET /api/ for the list",
    )
}

async fn wrong_method() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this endpoint (POST only for /api/extract, GET elsewhere)",
    )
}

pub async fn info(State(st): State<AppState>) -> Json<Value> {
    let l = st.limits;
    Json(json!({
        "name": "vntext",
        "version": env!("CARGO_PKG_VERSION"),
        "reports": st.engine().num_docs(),
        "endpoints": [
            "GET /api/search?q=&page=&per_page=&year=&facets=&sort=relevance|date&collapse=true|false",
            "GET /api/doc/{id}",
            "GET /api/deadlines?from=&to=&org=&format=json|csv",
            "GET /api/attendees?event=&person=&format=json|csv",
            "GET /api/people?title=&format=json|csv",
            "GET /api/directives?cited_by=&format=json|csv",
            "POST /api/extract (text body, or JSON {\"text\": …})",
        ],
        "limits": {
            "query_chars": l.max_query_chars,
            "per_page": l.max_per_page,
            "depth": l.max_depth,
            "body_bytes": l.max_body,
        },
    }))
}

/// Query-string parameters, checked against the names an endpoint knows.
struct Params(Vec<(String, String)>);

impl Params {
    fn from(
        q: Result<Query<Vec<(String, String)>>, QueryRejection>,
        known: &[&str],
    ) -> ApiResult<Params> {
        let Query(pairs) =
            q.map_err(|e| ApiError::bad(format!("malformed query string: {}", e.body_text())))?;
        for (k, _) in &pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter '{k}' (this endpoint takes: {})",
                    known.join(", ")
                ))
                .with("parameter", k.as_str()));
            }
        }
        Ok(Params(pairs))
    }

    /// The last value of `name`, blank treated as absent.
    fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn number(&self, name: &str, default: usize, min: usize, max: usize) -> ApiResult<usize> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{name} must be a whole number from {min} to {max}, not '{v}'"
            ))
            .with("parameter", name)),
        }
    }
}

#[derive(Serialize)]
struct SearchAnswer {
    query: String,
    year: Option<i64>,
    page: usize,
    per_page: usize,
    /// Pages reachable (within the depth limit).
    pages: usize,
    /// Why the answer may be broad (a query of common words only).
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(flatten)]
    page_data: crate::search::facets::Page,
}

async fn search(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Json<SearchAnswer>> {
    let p = Params::from(
        q,
        &[
            "q", "page", "per_page", "facets", "year", "sort", "collapse",
        ],
    )?;
    let l = st.limits;
    let Some(query) = p.get("q") else {
        return Err(ApiError::bad(
            "missing query: /api/search?q=… (same language as `vntext search`)",
        )
        .with("parameter", "q"));
    };
    let chars = query.chars().count();
    if chars > l.max_query_chars {
        return Err(ApiError::bad(format!(
            "query too long: {chars} characters, at most {}",
            l.max_query_chars
        ))
        .with("limit", l.max_query_chars));
    }
    check_nesting(&query)?;
    let page = p.number("page", 1, 1, l.max_depth)?;
    let per_page = p.number("per_page", 10, 1, l.max_per_page)?;
    let facet_k = p.number("facets", 10, 0, 100)?;
    let year = match p.get("year") {
        None => None,
        Some(y) => match y.parse::<i64>() {
            Ok(n) if crate::index::schema::YEARS.contains(&n) => Some(n),
            _ => {
                return Err(
                    ApiError::bad(format!("year must be a year such as 2021, not '{y}'"))
                        .with("parameter", "year"),
                );
            }
        },
    };
    let sort: crate::search::Sort = match p.get("sort") {
        None => crate::search::Sort::Relevance,
        Some(v) => v
            .parse()
            .map_err(|e: String| ApiError::bad(e).with("parameter", "sort"))?,
    };
    // Near-identical copies are one hit (listed in its `copies`) unless
    // `collapse=false`.
    let collapse = match p.get("collapse").as_deref() {
        None | Some("true" | "1") => true,
        Some("false" | "0") => false,
        Some(v) => {
            return Err(
                ApiError::bad(format!("collapse must be 'true' or 'false', not '{v}'"))
                    .with("parameter", "collapse"),
            );
        }
    };
    let offset = (page - 1) * per_page;
    if offset + per_page > l.max_depth {
        return Err(ApiError::bad(format!(
            "page too deep: results beyond the first {} cannot be paged to; narrow the query",
            l.max_depth
        ))
        .with("limit", l.max_depth));
    }
    let engine = st.engine();
    let q = query.clone();
    let (data, note) = blocking(move || {
        let node = crate::search::query::parse(&q).map_err(crate::search::SearchError::from)?;
        let data = engine
            .search_node_page_sorted(&node, year, offset, per_page, facet_k, sort, collapse)?;
        Ok((data, node.common_words_note()))
    })
    .await?;
    let pages = data.total.min(l.max_depth).div_ceil(per_page);
    Ok(Json(SearchAnswer {
        note,
        query,
        year,
        page,
        per_page,
        pages,
        page_data: data,
    }))
}

#[derive(Serialize)]
struct DocAnswer {
    id: String,
    title: Option<String>,
    date: Option<String>,
    source: String,
    /// The normalized text; entity and event offsets are UTF-8 byte
    /// offsets into it.
    text: String,
    entities: Vec<Entity>,
    events: Vec<Event>,
}

async fn doc(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<DocAnswer>> {
    let Path(id) = id.map_err(|e| ApiError::bad(format!("bad report id: {}", e.body_text())))?;
    let engine = st.engine();
    let key = id.clone();
    let found = blocking(move || Ok(engine.document(&key)?)).await?;
    let Some(d) = found else {
        return Err(
            ApiError::new(StatusCode::NOT_FOUND, format!("no report with id '{id}'"))
                .with("id", id),
        );
    };
    Ok(Json(DocAnswer {
        id: d.id,
        title: d.title,
        date: d.date,
        source: d.source,
        text: d.body,
        entities: d.data.entities,
        events: d.data.events,
    }))
}

/// A listing as JSON (`{"count": n, "rows": […]}`) or as a CSV download
/// (the CLI's `--format csv --bom`).
fn listing_response(rows: &Rows, p: &Params, name: &str) -> ApiResult<Response> {
    match p.get("format").as_deref() {
        None | Some("json") => {
            Ok(Json(json!({ "count": rows.len(), "rows": rows })).into_response())
        }
        Some("csv") => {
            let mut out = Vec::new();
            rows.write(ListFormat::Csv, true, &mut out)
                .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")))?;
            let disposition = format!("attachment; filename=\"{name}.csv\"");
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&disposition)
                            .unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                ],
                out,
            )
                .into_response())
        }
        Some(other) => Err(
            ApiError::bad(format!("format must be json or csv, not '{other}'"))
                .with("parameter", "format"),
        ),
    }
}

impl From<BadDate> for ApiError {
    fn from(e: BadDate) -> ApiError {
        ApiError::bad(format!("{}: {e}", e.param)).with("parameter", e.param)
    }
}

/// The rows of `listing`, as the CLI lists them, in `p`'s format.
async fn run_listing(st: AppState, p: Params, listing: Listing) -> ApiResult<Response> {
    let engine = st.engine();
    blocking(move || {
        let rows = listing.rows(&engine)?;
        listing_response(&rows, &p, listing.name())
    })
    .await
}

async fn deadlines(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q, &["from", "to", "org", "format"])?;
    let listing = Listing::deadlines(
        p.get("from").as_deref(),
        p.get("to").as_deref(),
        p.get("org"),
    )?;
    run_listing(st, p, listing).await
}

async fn attendees(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q, &["event", "person", "format"])?;
    let listing = Listing::Attendees {
        event: p.get("event"),
        person: p.get("person"),
    };
    run_listing(st, p, listing).await
}

async fn people(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q, &["title", "format"])?;
    let listing = Listing::People {
        title: p.get("title"),
    };
    run_listing(st, p, listing).await
}

async fn directives(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q, &["cited_by", "format"])?;
    let cited_by = p.get("cited_by");
    if let Some(c) = &cited_by {
        check_nesting(c)?;
        let chars = c.chars().count();
        if chars > st.limits.max_query_chars {
            return Err(ApiError::bad(format!(
                "cited_by too long: {chars} characters, at most {}",
                st.limits.max_query_chars
            )));
        }
    }
    run_listing(st, p, Listing::Directives { cited_by }).await
}

/// Most groups and prefix operators (`(`, `NOT`, `-`) a query may hold:
/// the parser recurses on each, and no real query needs this many.
const MAX_NESTING: usize = 50;

fn check_nesting(q: &str) -> ApiResult<()> {
    let mut in_quote = false;
    let mut count = 0;
    let mut prev = ' ';
    for (i, c) in q.char_indices() {
        if c == '"' {
            in_quote = !in_quote;
        } else if !in_quote {
            let word_start = prev.is_whitespace() || prev == '(';
            if c == '(' || (c == '-' && word_start) || (word_start && q[i..].starts_with("NOT")) {
                count += 1;
            }
        }
        prev = c;
    }
    if count > MAX_NESTING {
        return Err(ApiError::bad(format!(
            "query too complex: more than {MAX_NESTING} groups and NOT operators"
        ))
        .with("limit", MAX_NESTING));
    }
    Ok(())
}

/// The JSON form of `POST /api/extract`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractRequest {
    text: String,
    id: Option<String>,
    title: Option<String>,
    /// The report's own date (ISO or d/m/yyyy): anchors partial dates.
    date: Option<String>,
    source: Option<String>,
}

async fn extract(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<crate::Document>> {
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "request body too large: at most {} bytes",
                    st.limits.max_body
                ),
            )
            .with("limit", st.limits.max_body)
        } else {
            ApiError::new(status, format!("cannot read the body: {}", e.body_text()))
        }
    })?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut raw = RawDoc {
        id: "posted".into(),
        source: "api".into(),
        ..RawDoc::default()
    };
    if ctype.starts_with("application/json") {
        let req: ExtractRequest = serde_json::from_slice(&body).map_err(|e| {
            let status = if e.is_data() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::BAD_REQUEST
            };
            ApiError::new(
                status,
                format!(
                    "expected a JSON object {{\"text\": …, \"title\"?, \"date\"?, \"id\"?, \"source\"?}}: {e}"
                ),
            )
        })?;
        if let Some(d) = &req.date {
            raw.date = Some(crate::read::parse_metadata_date(d).ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("date '{d}' is not a date (YYYY-MM-DD or D/M/YYYY)"),
                )
            })?);
        }
        raw.text = req.text;
        raw.title = req.title;
        raw.id = req.id.unwrap_or(raw.id);
        raw.source = req.source.unwrap_or(raw.source);
    } else if ctype.starts_with("multipart/") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the report as the body (text/plain) or as JSON {\"text\": …}, not as a form upload",
        ));
    } else {
        if crate::read::encoding::looks_binary(&body) {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "binary data, not a text report",
            ));
        }
        let decoded = crate::read::encoding::decode(&body, None);
        raw.text = decoded.text;
        raw.warnings = decoded.warnings;
    }
    if raw.text.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the text is empty",
        ));
    }
    let doc = blocking(move || Ok(pipeline::process(raw, Stages::Extract))).await?;
    Ok(Json(doc))
}
