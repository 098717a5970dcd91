//! Function prototypes as the virtual machine runs them.
//!
//! A binary chunk's [`Prototype`] holds its constants as the chunk wrote
//! them; the virtual machine wants them as [`Value`]s, ready to copy into a
//! register, and wants to know the code is safe to run. [`Proto::load`]
//! does both, once, when the chunk is loaded.

use std::collections::HashSet;

use crate::binary_chunk::{Constant, LocVar, Prototype, Upvalue};
use crate::error::LuaError;
use crate::heap::Gc;
use crate::lua_string::LuaString;
use crate::value::Value;

use super::verify::verify;

// ANCHOR: proto
/// A verified function prototype, shared by every closure made from it.
pub struct Proto {
    pub source: Option<Vec<u8>>,
    pub line_defined: u32,
    pub last_line_defined: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    pub max_stack_size: u8,
    pub code: Vec<u32>,
    pub constants: Vec<Value>,
    pub upvalues: Vec<Upvalue>,
    pub protos: Vec<Gc<Proto>>,
    pub line_info: Vec<u32>,
    /// Names of local variables and upvalues, for error messages; empty in
    /// a stripped chunk.
    pub loc_vars: Vec<LocVar>,
    pub upvalue_names: Vec<Vec<u8>>,
}

impl Proto {
    /// Checks a prototype and its nested prototypes, and converts them.
    pub fn load(f: &Prototype) -> Result<Gc<Proto>, LuaError> {
        Proto::load_with(f, &mut HashSet::new())
    }

    // ANCHOR: intern
    /// [`Proto::load`], making the equal string constants of all the
    /// chunk's functions one string object: a table key set with `"x"` in
    /// one function and looked up with `"x"` in another is then found by
    /// comparing pointers, not bytes. (Lua interns all short strings.)
    fn load_with(f: &Prototype, strings: &mut HashSet<LuaString>) -> Result<Gc<Proto>, LuaError> {
        verify(f)?;
        let protos = f
            .protos
            .iter()
            .map(|p| Proto::load_with(p, strings))
            .collect::<Result<_, _>>()?;
        let constants = f
            .constants
            .iter()
            .map(|constant| match constant {
                Constant::String(bytes) => {
                    let s = LuaString::from(&bytes[..]);
                    match strings.get(&s) {
                        Some(existing) => Value::String(existing.clone()),
                        None => {
                            strings.insert(s.clone());
                            Value::String(s)
                        }
                    }
                }
                other => Value::from_constant(other),
            })
            .collect();
        // ANCHOR_END: intern
        Ok(Gc::new(Proto {
            source: f.source.clone(),
            line_defined: f.line_defined,
            last_line_defined: f.last_line_defined,
            num_params: f.num_params,
            is_vararg: f.is_vararg,
            max_stack_size: f.max_stack_size,
            code: f.code.clone(),
            constants,
            upvalues: f.upvalues.clone(),
            protos,
            line_info: f.line_info.clone(),
            loc_vars: f.loc_vars.clone(),
            upvalue_names: f.upvalue_names.clone(),
        }))
    }
    // ANCHOR_END: proto

    /// The chunk's name as messages show it (`short_src`), or "?" for a
    /// stripped chunk.
    pub fn short_source(&self) -> String {
        self.source
            .as_deref()
            .map_or_else(|| "?".to_string(), crate::debug::chunk_id)
    }

    /// The source line of the instruction at `pc`, if the chunk kept lines.
    pub fn line(&self, pc: usize) -> Option<u32> {
        self.line_info.get(pc).copied()
    }
}
