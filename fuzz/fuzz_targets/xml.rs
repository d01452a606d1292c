//! The Word body's scanner against quick-xml: on any bytes, it reads what quick-xml reads to the
//! same events and refuses every part whose elements do not nest.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = nianbao::import::agree_with_quick_xml(data) {
        panic!("{e}");
    }
});
