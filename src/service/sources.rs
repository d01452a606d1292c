//! The county's part written from the agencies' parts: every agency's text for it, what stands out,
//! the sentences that count what the agencies said, and the office's own words for "something new".
//! The command line (`section sources`) and the app's 报告章节 both call these.

use crate::report::sources::{self, Counted, Highlights, Sources};
use crate::store::{Result, Store};

/// Every agency's text for the part `key` of `year` (a narrative part: 一（一） … 五, 六).
pub fn part_sources(store: &Store, year: i32, key: &str) -> Result<Sources> {
    let def = super::narrative_section(key)?;
    sources::sources(store, year, def)
}

/// The words that mark something new: the built-in ones and the office's own.
pub fn new_words(store: &Store) -> Result<Vec<String>> {
    let mut words: Vec<String> = sources::NEW_WORDS.iter().map(|w| w.to_string()).collect();
    for w in store.own_new_words()? {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    Ok(words)
}

/// Adds words the office reads as something new (kept for every later year).
pub fn add_new_words(store: &Store, words: &[String]) -> Result<Vec<String>> {
    let mut own = store.own_new_words()?;
    for w in words {
        let w = w.trim().to_string();
        if !w.is_empty() && !own.contains(&w) && !sources::NEW_WORDS.contains(&w.as_str()) {
            own.push(w);
        }
    }
    store.set_own_new_words(&own)?;
    new_words(store)
}

/// One part's sources with what stands out in them and the counted sentences for it.
pub struct PartWork {
    pub sources: Sources,
    pub highlights: Highlights,
    pub counted: Vec<Counted>,
}

pub fn part_work(store: &Store, year: i32, key: &str) -> Result<PartWork> {
    let sources = part_sources(store, year, key)?;
    let highlights = sources::highlights(&sources, &new_words(store)?);
    let counted = sources::counted(store, year, sources.key)?;
    Ok(PartWork { sources, highlights, counted })
}
