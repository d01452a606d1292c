//! Totals written as formulas with no saved result are worked out from the sheet: any formula
//! text, on a sheet whose cells refer to each other, ends in a number or None, never a panic or a
//! hang (cycles are cut by depth).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::grid::{GCell, Row, Sheet, Val};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let cell = |col: u32, val: Val| GCell::new(col, val, String::new());
    let sheet = Sheet {
        name: "s".into(),
        rows: vec![
            Row { row: 0, cells: vec![cell(0, Val::Num(1.0)), cell(1, Val::Text("3件".into())), cell(2, Val::Formula(s.to_string()))] },
            Row { row: 1, cells: vec![cell(0, Val::Formula("A1+C1".into())), cell(1, Val::Formula("SUM(A1:C2)".into()))] },
        ],
    };
    let _ = nianbao::import::formula::eval(&sheet, &s);
});
