//! One definition per enum the program stores, prints or sends to the app: each variant with its
//! code (what the database, FORMS.md's JSON, the command line and TypeScript carry) and its label
//! (what the office reads). `code()`, `label()`, `from_code()` and `ALL` are derived from the one
//! list, so a variant cannot be missing from any of them; serde and ts-rs use the same codes.

/// `coded! { /// doc  #[derive(...)] pub enum Name { /// doc  Variant = "code" "label", … } }`.
macro_rules! coded {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every variant, in the order they are defined.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code (database, JSON, TypeScript).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// What the office reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The variant a stored or typed code names; anything else is none (never a default).
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        /// A command-line value: its code, or its label as the office writes it; parsed once, by clap.
        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                let (code, label) = match self { $($name::$variant => ($code, $label)),+ };
                Some(clap::builder::PossibleValue::new(code).alias(label).help(label))
            }
        }
    };
}
