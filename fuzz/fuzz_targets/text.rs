//! The readers of what people type: labels, numbers, file names, section keys.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let n = nianbao::text::norm(&s);
    let _ = nianbao::text::strip_numbering(&n);
    let _ = nianbao::text::leading_section(&n);
    let _ = nianbao::text::parse_number(&s);
    let _ = nianbao::import::from_file_name(&s);
    let _ = nianbao::report::section_def(&s);
    // Names and numbers as the second hardening pass reads them: composed, printed, placed.
    let _ = nianbao::text::nfc(&s);
    let _ = nianbao::text::terminal_safe(&s, false);
    let _ = nianbao::text::is_invalid_number(&s);
    let _ = nianbao::text::other_place(&s, "示范县");
    let _ = nianbao::export::office::file_part(&s);
    for sentence in nianbao::report::sources::sentences(&s) {
        let _ = nianbao::report::sources::figures_in(&sentence);
    }
});
