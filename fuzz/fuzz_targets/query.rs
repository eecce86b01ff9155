//! Any string as a query: parses or gives an error, never panics; a parsed
//! query compiles against the schema.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static FIELDS: LazyLock<vntext::index::schema::Fields> =
    LazyLock::new(|| vntext::index::schema::build().1);

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(node) = vntext::search::query::parse(q) {
        let _ = vntext::search::query::compile(&node, &FIELDS);
        let _ = node.wanted();
    }
});
