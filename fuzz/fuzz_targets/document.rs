//! Report documents and OpenDocument files: any bytes named .docx, .odt, .ods or .html end in a report or one clear refusal, never a
//! panic, a hang or runaway memory (the XML reader bounds depth and size; the page parser is
//! html5ever's).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["2021-模糊测试局.docx", "2021-模糊测试局.odt", "2021-模糊测试局.ods", "2021-模糊测试局.html"] {
        if let Ok(ret) = nianbao::import::read_bytes(name, data, &Default::default()) {
            let _ = nianbao::checks::check(&ret);
        }
    }
});
