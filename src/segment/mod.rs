//! Segmentation: sentences ([`sentences`]), captions, credits and bylines
//! ([`segments`]) and syllable tokens
//! ([`syllables`], [`syllable_iter`]), as byte offsets into the normalized
//! text.

mod caption;
mod sentence;
mod syllable;

pub use caption::segments;
pub use sentence::MAX_SENTENCE_BYTES;
pub use syllable::is_word_char;
pub use syllable::{SyllableIter, Token, syllable_iter, syllables};

/// Sentence byte ranges of `text`, in order, trimmed, non-overlapping: the
/// sentences of [`sentence`], split again after every credit glued into
/// one ("… Ảnh: Minh Hà/TTXVN Tham dự có …", see [`segments`]).
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    caption::split_after_credits(text, sentence::sentences(text))
}
