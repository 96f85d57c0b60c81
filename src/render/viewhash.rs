//! A view's hash, taken straight from serde's walk of it, for page keys
//! ([`super::pages::Pages`]): what a warm build computes for every page instead
//! of rendering it.
//!
//! Every value is written as a tag byte and its data, strings, byte runs and
//! numbers with their length in front, and every map, struct and sequence between an opening
//! and a closing tag, with each field's name. So the encoding is prefix-free: two
//! different views never write the same bytes, even when a field is skipped or
//! flattened (which rules out postcard, whose format leaves field names out and
//! needs lengths known in advance), and no string is escaped or number formatted
//! as text (which made JSON the largest cost of a warm build's keys).

use serde::ser::{self, Serialize};

use crate::output::Hashing;

/// The hash of `value` as [`ViewHasher`] writes it, after `prefix`.
pub fn hash<T: Serialize + ?Sized>(prefix: &[u8], value: &T) -> Result<u128, ViewHashError> {
    let mut w = ViewHasher {
        bytes: Vec::with_capacity(8 * 1024),
    };
    w.put(prefix);
    value.serialize(&mut w)?;
    let mut h = Hashing::default();
    std::io::Write::write_all(&mut h, &w.bytes).expect("hashing never fails");
    Ok(h.finish())
}

/// Collects a view's encoding (see the module's documentation).
pub struct ViewHasher {
    bytes: Vec<u8>,
}

#[derive(Debug)]
pub struct ViewHashError(String);

impl std::fmt::Display for ViewHashError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ViewHashError {}

impl ser::Error for ViewHashError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ViewHashError(msg.to_string())
    }
}

// The tags: one byte before every value.
const NONE: u8 = 0;
const SOME: u8 = 1;
const UNIT: u8 = 2;
const FALSE: u8 = 3;
const TRUE: u8 = 4;
const INT: u8 = 5;
const UINT: u8 = 6;
const FLOAT: u8 = 7;
const STR: u8 = 8;
const BYTES: u8 = 9;
const VARIANT: u8 = 10;
const OPEN: u8 = 11;
const CLOSE: u8 = 12;
const FIELD: u8 = 13;

impl ViewHasher {
    fn tag(&mut self, tag: u8) {
        self.bytes.push(tag);
    }

    /// Bytes with their length in front (LEB128: most strings of a view are
    /// short, and their lengths take one byte).
    fn put(&mut self, bytes: &[u8]) {
        let mut n = bytes.len();
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
        self.bytes.extend_from_slice(bytes);
    }

    fn variant(&mut self, name: &str) {
        self.tag(VARIANT);
        self.put(name.as_bytes());
    }

    fn open(&mut self) -> Result<&mut Self, ViewHashError> {
        self.tag(OPEN);
        Ok(self)
    }

    fn close(&mut self) -> Result<(), ViewHashError> {
        self.tag(CLOSE);
        Ok(())
    }

    fn int(&mut self, v: i128) -> Result<(), ViewHashError> {
        self.tag(INT);
        self.put(&v.to_le_bytes());
        Ok(())
    }

    /// An unsigned number: its bytes up to the last that is not zero, with
    /// their count in front (a view's numbers are small).
    fn uint(&mut self, v: u128) -> Result<(), ViewHashError> {
        self.tag(UINT);
        let used = 16 - (v.leading_zeros() / 8) as usize;
        self.put(&v.to_le_bytes()[..used]);
        Ok(())
    }
}

impl ser::Serializer for &mut ViewHasher {
    type Ok = ();
    type Error = ViewHashError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), ViewHashError> {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), ViewHashError> {
        self.int(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), ViewHashError> {
        self.int(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), ViewHashError> {
        self.int(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), ViewHashError> {
        self.int(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result<(), ViewHashError> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), ViewHashError> {
        self.uint(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), ViewHashError> {
        self.uint(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), ViewHashError> {
        self.uint(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), ViewHashError> {
        self.uint(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result<(), ViewHashError> {
        self.uint(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), ViewHashError> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), ViewHashError> {
        self.tag(FLOAT);
        self.bytes.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), ViewHashError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), ViewHashError> {
        self.tag(STR);
        self.put(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), ViewHashError> {
        self.tag(BYTES);
        self.put(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), ViewHashError> {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), ViewHashError> {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), ViewHashError> {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), ViewHashError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), ViewHashError> {
        self.variant(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), ViewHashError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), ViewHashError> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, ViewHashError> {
        self.open()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, ViewHashError> {
        self.open()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self, ViewHashError> {
        self.open()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, ViewHashError> {
        self.variant(variant);
        self.open()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, ViewHashError> {
        self.open()
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, ViewHashError> {
        self.open()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, ViewHashError> {
        self.variant(variant);
        self.open()
    }
}

/// Each element follows the last; the closing tag ends them.
macro_rules! elements {
    ($($trait:ident: $method:ident),*) => {$(
        impl ser::$trait for &mut ViewHasher {
            type Ok = ();
            type Error = ViewHashError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ViewHashError> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), ViewHashError> {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field
);

impl ser::SerializeMap for &mut ViewHasher {
    type Ok = ();
    type Error = ViewHashError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ViewHashError> {
        self.tag(FIELD);
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ViewHashError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), ViewHashError> {
        self.close()
    }
}

/// A struct's fields, each under its name; skipped fields leave no trace, and
/// the names keep the rest apart.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut ViewHasher {
            type Ok = ();
            type Error = ViewHashError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), ViewHashError> {
                self.tag(FIELD);
                self.serialize_str_name(name);
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), ViewHashError> {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ViewHasher {
    /// A field's name, written as a map's string key is, so a flattened struct
    /// (which serde writes as map entries) hashes like the struct itself.
    fn serialize_str_name(&mut self, name: &str) {
        self.tag(STR);
        self.put(name.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::hash;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Page {
        title: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        tags: Vec<String>,
    }

    fn page(title: &str, note: Option<&str>, tags: &[&str]) -> u128 {
        let p = Page {
            title: title.into(),
            note: note.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        };
        hash(b"lesson.html", &p).unwrap()
    }

    #[test]
    fn a_view_hashes_the_same_every_time_and_differently_when_any_field_changes() {
        let base = page("Hello", None, &["a", "b"]);
        assert_eq!(base, page("Hello", None, &["a", "b"]));
        assert_ne!(base, page("Hello!", None, &["a", "b"]));
        assert_ne!(base, page("Hello", Some(""), &["a", "b"]));
        assert_ne!(base, page("Hello", None, &["ab"]));
        assert_ne!(base, page("Hello", None, &["a", "b", ""]));
        let other_template = hash(
            b"module.html",
            &Page {
                title: "Hello".into(),
                note: None,
                tags: vec!["a".into(), "b".into()],
            },
        );
        assert_ne!(base, other_template.unwrap());
    }

    #[test]
    fn strings_cannot_run_into_each_other() {
        let a = hash(b"", &("ab", "c")).unwrap();
        let b = hash(b"", &("a", "bc")).unwrap();
        assert_ne!(a, b);
        let nested = hash(b"", &(vec![vec!["x"]], Vec::<Vec<&str>>::new())).unwrap();
        let flat = hash(b"", &(vec![vec!["x"], vec![]], ())).unwrap();
        assert_ne!(nested, flat);
        // Numbers keep their length: none runs into the next value.
        let numbers = [0u64, 1, 255, 256, 1 << 40, u64::MAX];
        let hashes: std::collections::HashSet<u128> = numbers
            .iter()
            .map(|n| hash(b"", &(n, 1u8)).unwrap())
            .collect();
        assert_eq!(hashes.len(), numbers.len());
        assert_ne!(
            hash(b"", &(256u32, 0u8)).unwrap(),
            hash(b"", &(1u32, 1u8)).unwrap()
        );
        assert_ne!(hash(b"", &-1i32).unwrap(), hash(b"", &1i32).unwrap());
    }

    #[test]
    fn a_skipped_field_and_a_field_moved_between_structs_differ() {
        // The same text in `title` or in `note` must not give the same key.
        let in_title = page("x", None, &[]);
        let in_note = page("", Some("x"), &[]);
        assert_ne!(in_title, in_note);
    }

    #[test]
    fn a_map_with_a_fields_name_hashes_as_the_struct_does() {
        // What serde does with #[serde(flatten)]: the fields become map entries.
        #[derive(Serialize)]
        struct One {
            a: u32,
        }
        let mut map = BTreeMap::new();
        map.insert("a", 1u32);
        assert_eq!(hash(b"", &One { a: 1 }).unwrap(), hash(b"", &map).unwrap());
    }
}
