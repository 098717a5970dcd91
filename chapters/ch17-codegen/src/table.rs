//! Lua tables: an array part and a hash part (`ltable.c`).
//!
//! Lua has one data structure, the table, and programs use it as an array,
//! a dictionary, a record, an object and a module. To make the common case
//! of an array fast, a table keeps the values of the keys 1..n in a plain
//! vector, the *array part*, and everything else in a hash table. The
//! size of the array part is chosen, whenever the hash part fills up, by
//! the rule of "The Implementation of Lua 5.0": the largest power of two n
//! such that more than half of the keys 1..n are in use.

use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use indexmap::IndexMap;

use crate::error::LuaError;
use crate::heap::Gc;
use crate::lua_string::LuaString;
use crate::number::float_to_integer;
use crate::value::Value;

// ANCHOR: lua_table
/// A handle to a table: tables are shared, and mutable through any handle.
/// Every access borrows the table for that access only, so no borrow is
/// ever held while other Lua code runs.
#[derive(Clone)]
pub struct LuaTable(Gc<RefCell<Table>>);

/// The table itself.
#[derive(Default)]
pub struct Table {
    /// The values of the keys 1..=array.len().
    array: Vec<Value>,
    /// Every other key, in insertion order (which `next` will follow).
    /// Keys whose value became nil stay until the next rehash, as in Lua,
    /// so that a traversal can continue past them.
    hash: IndexMap<Key, Value, BuildHasherDefault<KeyHasher>>,
    /// How many keys the hash part holds before it must be rehashed: a
    /// power of two, or 0, like the size of Lua's node vector.
    hash_capacity: usize,
    /// The table's metatable, which gives it metamethods (chapter 11).
    metatable: Option<LuaTable>,
}
// ANCHOR_END: lua_table

// ANCHOR: key
/// A value used as a key. Floats with an integer value are stored as
/// integers (so `t[1]` and `t[1.0]` are the same entry), and nil and NaN
/// are never keys.
#[derive(Clone)]
pub struct Key(Value);

impl Key {
    /// The key for `value`, or `None` for nil and NaN, which no table holds.
    pub fn new(value: &Value) -> Option<Key> {
        normalised(value).map(|key| Key(key.into_owned()))
    }

    pub fn value(&self) -> &Value {
        &self.0
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        same_key(&self.0, &other.0)
    }
}

/// What `value` is as a key, borrowed unless it changes: a float with an
/// integer value is that integer; nil and NaN are no key at all.
fn normalised(value: &Value) -> Option<Cow<'_, Value>> {
    match value {
        Value::Nil => None,
        Value::Number(x) if x.is_nan() => None,
        Value::Number(x) => Some(match float_to_integer(*x) {
            Some(i) => Cow::Owned(Value::Integer(i)),
            None => Cow::Borrowed(value),
        }),
        other => Some(Cow::Borrowed(other)),
    }
}

/// Whether two normalised keys are the same key: values of the same type
/// and contents (strings) or identity (tables, functions).
fn same_key(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Boolean(a), Value::Boolean(b)) => a == b,
        (Value::Integer(a), Value::Integer(b)) => a == b,
        // Never integral, never NaN: plain float equality is right.
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Table(a), Value::Table(b)) => LuaTable::ptr_eq(a, b),
        (Value::LuaFunction(a), Value::LuaFunction(b)) => Gc::ptr_eq(a, b),
        (Value::RustFunction(a), Value::RustFunction(b)) => std::ptr::fn_addr_eq(*a, *b),
        _ => false,
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_key(&self.0, state);
    }
}

// ANCHOR: lookup
/// A key to look up, borrowed from the caller: it hashes and compares as
/// the [`Key`] it would make, so finding an entry changes no reference
/// count. The value must already be normalised (not a float with an
/// integer value, not nil or NaN).
struct Lookup<'a>(&'a Value);

impl Hash for Lookup<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_key(self.0, state);
    }
}

impl indexmap::Equivalent<Key> for Lookup<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        same_key(self.0, &key.0)
    }
}
// ANCHOR_END: lookup

/// A string is looked up as itself, without making a value of it.
impl indexmap::Equivalent<Key> for LuaString {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(&key.0, Value::String(s) if s == self)
    }
}

fn hash_key<H: Hasher>(key: &Value, state: &mut H) {
    match key {
        Value::Boolean(b) => state.write_u64(u64::from(*b)),
        Value::Integer(i) => state.write_u64(*i as u64),
        Value::Number(x) => state.write_u64(x.to_bits()),
        Value::String(s) => s.hash(state),
        Value::Table(t) => state.write_u64(t.address() as u64),
        Value::LuaFunction(f) => state.write_u64(Gc::address(f) as u64),
        Value::RustFunction(f) => state.write_u64(*f as usize as u64),
        Value::Nil => state.write_u64(0),
    }
}

/// The keys hash themselves into one `u64` (strings cache theirs), so the
/// hasher only has to spread those bits: a multiplication does.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The multiplication leaves the low bits poor (a float like 0.5
        // has 50 trailing zero bits, and so has its product), and the hash
        // table picks buckets by the low bits: fold the high bits down.
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
// ANCHOR_END: key

/// `MAXABITS`: the array part never has more than 2^31 slots.
const MAX_ARRAY_BITS: u32 = 31;

impl std::fmt::Debug for LuaTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "table: {:#x}", self.address())
    }
}

/// Memory the system will not give is a Lua error, not an abort.
fn out_of_memory() -> LuaError {
    LuaError::new("not enough memory")
}

impl LuaTable {
    /// A table with room for `array` list items and `hash` other fields.
    /// The sizes are hints from the program (NEWTABLE's operands), so an
    /// impossible one is an error rather than an abort.
    pub fn new(array: usize, hash: usize) -> Result<LuaTable, LuaError> {
        let mut table = Table::default();
        table.resize(array, hash)?;
        Ok(LuaTable(Gc::new(RefCell::new(table))))
    }

    pub fn ptr_eq(a: &LuaTable, b: &LuaTable) -> bool {
        Gc::ptr_eq(&a.0, &b.0)
    }

    /// The table's address, which `tostring` shows.
    pub fn address(&self) -> usize {
        Gc::address(&self.0)
    }

    // ANCHOR: get
    /// `t[key]`, without metamethods.
    pub fn get(&self, key: &Value) -> Value {
        self.0.borrow().get(key)
    }

    /// `t[i]` for an integer key: the array part if it is there.
    pub fn get_int(&self, i: i64) -> Value {
        self.0.borrow().get_int(i)
    }

    pub fn get_str(&self, s: &LuaString) -> Value {
        let table = self.0.borrow();
        table.hash.get(s).cloned().unwrap_or_default()
    }

    // ANCHOR: get_raw_answer
    /// `t[key]` if that is the whole answer: the table has the key, or
    /// has no metatable whose `__index` could supply one. `None` means
    /// the metamethods must be consulted (the virtual machine's fast path).
    pub fn get_raw_answer(&self, key: &Value) -> Option<Value> {
        let table = self.0.borrow();
        let value = table.get(key);
        if matches!(value, Value::Nil) && table.metatable.is_some() {
            None
        } else {
            Some(value)
        }
    }
    // ANCHOR_END: get_raw_answer
    // ANCHOR_END: get

    // ANCHOR: set
    /// `t[key] = value`, without metamethods. A nil or NaN key is an error.
    pub fn set(&self, key: &Value, value: Value) -> Result<(), LuaError> {
        self.0.borrow_mut().set(key, value)
    }

    /// Whether the table has a metatable (whose `__newindex` the virtual
    /// machine must respect before it assigns a new key).
    pub fn has_metatable(&self) -> bool {
        self.0.borrow().metatable.is_some()
    }

    pub fn set_int(&self, i: i64, value: Value) -> Result<(), LuaError> {
        self.0.borrow_mut().set(&Value::Integer(i), value)
    }
    // ANCHOR_END: set

    // ANCHOR: metatable
    pub fn metatable(&self) -> Option<LuaTable> {
        self.0.borrow().metatable.clone()
    }

    pub fn set_metatable(&self, metatable: Option<LuaTable>) {
        self.0.borrow_mut().metatable = metatable;
    }

    /// The metamethod `event` (such as `__index`) of this table: the field
    /// of that name in its metatable, or nil.
    pub fn metamethod(&self, event: &LuaString) -> Value {
        match &self.0.borrow().metatable {
            Some(metatable) => metatable.get_str(event),
            None => Value::Nil,
        }
    }
    // ANCHOR_END: metatable

    // ANCHOR: next
    /// The entry after `key` in a traversal of the table (`luaH_next`):
    /// first the array part in order, then the hash part in insertion
    /// order, skipping nil values; `None` at the end. Nil starts a
    /// traversal. A key the table does not hold is an error, unless it is
    /// a key whose value was cleared during the traversal: those stay in
    /// the hash part until it is rebuilt, so the traversal can go on.
    pub fn next(&self, key: &Value) -> Result<Option<(Value, Value)>, LuaError> {
        let table = self.0.borrow();
        let start_array = match key {
            Value::Nil => Some(0),
            Value::Integer(i) => table.array_slot(*i).map(|slot| slot + 1),
            Value::Number(x) => float_to_integer(*x)
                .and_then(|i| table.array_slot(i))
                .map(|slot| slot + 1),
            _ => None,
        };
        let start_hash = match start_array {
            Some(slot) => {
                for (i, value) in table.array.iter().enumerate().skip(slot) {
                    if !matches!(value, Value::Nil) {
                        return Ok(Some((Value::Integer(i as i64 + 1), value.clone())));
                    }
                }
                0
            }
            None => {
                let found = Key::new(key).and_then(|k| table.hash.get_index_of(&k));
                found.ok_or_else(|| LuaError::new("invalid key to 'next'"))? + 1
            }
        };
        for (k, value) in table.hash.iter().skip(start_hash) {
            if !matches!(value, Value::Nil) {
                return Ok(Some((k.0.clone(), value.clone())));
            }
        }
        Ok(None)
    }
    // ANCHOR_END: next

    /// `#t` without metamethods: a border.
    pub fn border(&self) -> i64 {
        self.0.borrow().border()
    }

    /// Makes room for `n` array items, for SETLIST (`luaH_resizearray`).
    pub fn reserve_array(&self, n: usize) -> Result<(), LuaError> {
        let mut table = self.0.borrow_mut();
        if n > table.array.len() {
            let hash = table.hash_capacity;
            table.resize(n, hash)?;
        }
        Ok(())
    }

    /// The sizes of the two parts, for tests and for the curious.
    pub fn sizes(&self) -> (usize, usize) {
        let table = self.0.borrow();
        (table.array.len(), table.hash_capacity)
    }
}

impl Table {
    /// The index in `array` of integer key `i`, if it is in the array part.
    fn array_slot(&self, i: i64) -> Option<usize> {
        let slot = (i as u64).wrapping_sub(1);
        (slot < self.array.len() as u64).then_some(slot as usize)
    }

    fn get(&self, key: &Value) -> Value {
        match normalised(key).as_deref() {
            Some(Value::Integer(i)) => self.get_int(*i),
            Some(key) => self.get_normalised(key),
            None => Value::Nil,
        }
    }

    fn get_int(&self, i: i64) -> Value {
        match self.array_slot(i) {
            Some(slot) => self.array[slot].clone(),
            None => self.get_normalised(&Value::Integer(i)),
        }
    }

    /// The hash part's value for a key that is already a [`Key`]'s value.
    fn get_normalised(&self, key: &Value) -> Value {
        self.hash.get(&Lookup(key)).cloned().unwrap_or_default()
    }

    /// `t[key] = value`: an existing entry is updated in place, and only
    /// a new key is made into a [`Key`] (which clones a string's handle).
    fn set(&mut self, key: &Value, value: Value) -> Result<(), LuaError> {
        let Some(key) = normalised(key) else {
            return Err(LuaError::new(if matches!(key, Value::Nil) {
                "table index is nil"
            } else {
                "table index is NaN"
            }));
        };
        if let Value::Integer(i) = *key
            && let Some(slot) = self.array_slot(i)
        {
            self.array[slot] = value;
            return Ok(());
        }
        if let Some(existing) = self.hash.get_mut(&Lookup(&key)) {
            *existing = value;
            return Ok(());
        }
        self.insert_new(Key(key.into_owned()), value)
    }

    // ANCHOR: set_key
    /// Adds a key the table does not have.
    fn insert_new(&mut self, key: Key, value: Value) -> Result<(), LuaError> {
        // A new key. Like Lua, we create it even for a nil value (the
        // assignment `t[k] = nil` of an absent key still makes one).
        if self.hash.len() >= self.hash_capacity {
            self.rehash(&key)?;
            if let Value::Integer(i) = key.0
                && let Some(slot) = self.array_slot(i)
            {
                self.array[slot] = value;
                return Ok(());
            }
        }
        self.hash.insert(key, value);
        Ok(())
    }
    // ANCHOR_END: set_key

    // ANCHOR: rehash
    /// The hash part is full: count the integer keys, choose the array
    /// size by the rule of the Lua 5.0 paper, and redistribute (`rehash`
    /// in ltable.c). `extra` is the key about to be inserted.
    fn rehash(&mut self, extra: &Key) -> Result<(), LuaError> {
        // nums[b]: how many keys k in use with 2^(b-1) < k <= 2^b.
        let mut nums = [0usize; MAX_ARRAY_BITS as usize + 1];
        let mut integer_keys = 0;
        let mut total = 0;
        let mut count = |key: &Value, nums: &mut [usize]| {
            total += 1;
            if let Some(k) = array_index(key) {
                nums[ceil_log2(k)] += 1;
                integer_keys += 1;
            }
        };
        for (i, value) in self.array.iter().enumerate() {
            if !matches!(value, Value::Nil) {
                count(&Value::Integer(i as i64 + 1), &mut nums);
            }
        }
        for (key, value) in &self.hash {
            if !matches!(value, Value::Nil) {
                count(&key.0, &mut nums);
            }
        }
        count(&extra.0, &mut nums);
        let (array_size, in_array) = compute_sizes(&nums, integer_keys);
        self.resize(array_size, total - in_array)
    }

    /// Resizes both parts, moving entries between them (`luaH_resize`).
    /// Entries whose value is nil are dropped.
    fn resize(&mut self, array_size: usize, hash_size: usize) -> Result<(), LuaError> {
        let hash_capacity = if hash_size == 0 {
            0
        } else {
            hash_size
                .checked_next_power_of_two()
                .ok_or_else(out_of_memory)?
        };
        let mut new_hash: IndexMap<Key, Value, BuildHasherDefault<KeyHasher>> = IndexMap::default();
        new_hash
            .try_reserve(hash_capacity)
            .map_err(|_| out_of_memory())?;
        if array_size > self.array.len() {
            self.array
                .try_reserve_exact(array_size - self.array.len())
                .map_err(|_| out_of_memory())?;
        }
        let old_hash = std::mem::replace(&mut self.hash, new_hash);
        let moved_out: Vec<Value> = if array_size < self.array.len() {
            self.array.split_off(array_size)
        } else {
            Vec::new()
        };
        self.array.resize(array_size, Value::Nil);
        self.hash_capacity = hash_capacity;
        for (i, value) in moved_out.into_iter().enumerate() {
            if !matches!(value, Value::Nil) {
                let key = Key(Value::Integer((array_size + i) as i64 + 1));
                self.hash.insert(key, value);
            }
        }
        for (key, value) in old_hash {
            if matches!(value, Value::Nil) {
                continue;
            }
            match key.0 {
                Value::Integer(i) if self.array_slot(i).is_some() => {
                    self.array[i as usize - 1] = value
                }
                _ => {
                    self.hash.insert(key, value);
                }
            }
        }
        Ok(())
    }
    // ANCHOR_END: rehash

    // ANCHOR: border
    /// A border: an n with t[n] not nil and t[n+1] nil (or 0 if t[1] is
    /// nil), found as `luaH_getn` finds it, so that tables with holes give
    /// the same answer as in Lua.
    fn border(&self) -> i64 {
        let size = self.array.len();
        if size > 0 && matches!(self.array[size - 1], Value::Nil) {
            // A border inside the array part: binary search for it.
            let (mut i, mut j) = (0usize, size);
            while j - i > 1 {
                let m = (i + j) / 2;
                if matches!(self.array[m - 1], Value::Nil) {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i as i64;
        }
        if self.hash.is_empty() {
            return size as i64;
        }
        self.unbound_search(size as u64)
    }

    /// Beyond the array part: double j until t[j] is nil, then binary
    /// search between the last present index and j.
    fn unbound_search(&self, mut j: u64) -> i64 {
        let present = |k: u64| !matches!(self.get_int(k as i64), Value::Nil);
        let mut i = j;
        j += 1;
        while present(j) {
            i = j;
            if j > i64::MAX as u64 / 2 {
                // Built to defeat the search: fall back to counting.
                let mut k = 1;
                while present(k) {
                    k += 1;
                }
                return k as i64 - 1;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if present(m) {
                i = m;
            } else {
                j = m;
            }
        }
        i as i64
    }
    // ANCHOR_END: border
}

/// The key as an array index, if it could live in an array part.
fn array_index(key: &Value) -> Option<usize> {
    match key {
        Value::Integer(k) if *k >= 1 && *k <= (1i64 << MAX_ARRAY_BITS) => Some(*k as usize),
        _ => None,
    }
}

/// The smallest b with 2^b >= k.
fn ceil_log2(k: usize) -> usize {
    (usize::BITS - (k - 1).leading_zeros()) as usize
}

// ANCHOR: compute_sizes
/// `computesizes`: the largest power of two n such that more than half of
/// 1..n would be in use, and how many keys would then be in the array.
fn compute_sizes(nums: &[usize], integer_keys: usize) -> (usize, usize) {
    let mut in_slices = 0; // keys up to 2^b
    let (mut optimal, mut in_array) = (0, 0);
    let mut two_to_b: usize = 1;
    for &n in nums {
        if integer_keys <= two_to_b / 2 {
            break; // even all the keys could not fill half of 2^b
        }
        in_slices += n;
        if in_slices > two_to_b / 2 {
            optimal = two_to_b;
            in_array = in_slices;
        }
        two_to_b *= 2;
    }
    (optimal, in_array)
}
// ANCHOR_END: compute_sizes

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i64) -> Value {
        Value::Integer(i)
    }

    fn is_border(t: &LuaTable, n: i64) -> bool {
        (n == 0 || !matches!(t.get_int(n), Value::Nil)) && matches!(t.get_int(n + 1), Value::Nil)
    }

    #[test]
    fn the_array_part_holds_more_than_half_used_slots() {
        let nums = |keys: &[usize]| {
            let mut nums = [0usize; 32];
            for &k in keys {
                nums[ceil_log2(k)] += 1;
            }
            compute_sizes(&nums, keys.len())
        };
        assert_eq!(nums(&[1, 2, 3]), (4, 3));
        assert_eq!(nums(&[1, 2, 3, 4, 5]), (8, 5));
        assert_eq!(nums(&[1, 100]), (1, 1));
        assert_eq!(nums(&[100]), (0, 0));
        assert_eq!(nums(&[1, 2, 5, 6, 7]), (8, 5));
        assert_eq!(nums(&[]), (0, 0));
    }

    #[test]
    fn a_growing_list_moves_into_the_array_part() {
        let t = LuaTable::new(0, 0).unwrap();
        for i in 1..=100 {
            t.set(&int(i), int(i * 10)).unwrap();
        }
        assert_eq!(t.sizes().0, 128);
        assert_eq!(t.border(), 100);
        assert!(matches!(t.get(&Value::Number(50.0)), Value::Integer(500)));
    }

    #[test]
    fn keys_are_normalised_and_checked() {
        let t = LuaTable::new(0, 0).unwrap();
        t.set(&Value::Number(2.0), int(1)).unwrap();
        assert!(matches!(t.get(&int(2)), Value::Integer(1)));
        t.set(&Value::Number(2.5), int(2)).unwrap();
        assert!(matches!(t.get(&Value::Number(2.5)), Value::Integer(2)));
        assert_eq!(
            t.set(&Value::Nil, int(1)).unwrap_err().message(),
            "table index is nil"
        );
        assert_eq!(
            t.set(&Value::Number(f64::NAN), int(1))
                .unwrap_err()
                .message(),
            "table index is NaN"
        );
        assert!(matches!(t.get(&Value::Nil), Value::Nil));
        assert!(matches!(t.get(&Value::Number(f64::NAN)), Value::Nil));
    }

    #[test]
    fn next_visits_every_entry_once_even_while_clearing() {
        let t = LuaTable::new(0, 0).unwrap();
        for i in 1..=5 {
            t.set_int(i, int(i)).unwrap();
        }
        for name in ["a", "b", "c"] {
            t.set(&Value::String(LuaString::from(name)), int(0))
                .unwrap();
        }
        let mut key = Value::Nil;
        let mut seen = 0;
        while let Some((k, _)) = t.next(&key).unwrap() {
            seen += 1;
            t.set(&k, Value::Nil).unwrap(); // clearing the current entry
            key = k;
        }
        assert_eq!(seen, 8);
        assert!(t.next(&Value::Nil).unwrap().is_none());
        let missing = Value::String(LuaString::from("zzz"));
        assert_eq!(
            t.next(&missing).unwrap_err().message(),
            "invalid key to 'next'"
        );
    }

    #[test]
    fn the_length_is_always_a_border() {
        let t = LuaTable::new(0, 0).unwrap();
        assert_eq!(t.border(), 0);
        for i in [1, 2, 3, 5, 6, 9, 20, 21, 1000] {
            t.set_int(i, Value::Boolean(true)).unwrap();
            assert!(is_border(&t, t.border()), "after {i}: {}", t.border());
        }
        for i in [2, 21, 1] {
            t.set_int(i, Value::Nil).unwrap();
            assert!(
                is_border(&t, t.border()),
                "after clearing {i}: {}",
                t.border()
            );
        }
        let sparse = LuaTable::new(0, 0).unwrap();
        sparse.set_int(1 << 40, Value::Boolean(true)).unwrap();
        assert_eq!(
            LuaTable::new(usize::MAX / 2, 0).unwrap_err().message(),
            "not enough memory"
        );
        assert!(is_border(&sparse, sparse.border()));
    }
}
