//! Segmentation: sentences ([`sentences`]) and syllable tokens
//! ([`syllables`], [`syllable_iter`]), as byte offsets into the normalized
//! text.

mod sentence;
mod syllable;

pub use sentence::{MAX_SENTENCE_BYTES, sentences};
pub use syllable::is_word_char;
pub use syllable::{SyllableIter, Token, syllable_iter, syllables};
