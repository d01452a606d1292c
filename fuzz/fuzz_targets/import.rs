//! Bytes in, figures or a clear error out: the file guard, the workbook readers and the table
//! locators must never panic, hang or blow up memory on any file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ret) = nianbao::import::read_bytes("2021-模糊测试局.xlsx", data, &Default::default()) {
        let _ = nianbao::checks::check(&ret);
    }
});
