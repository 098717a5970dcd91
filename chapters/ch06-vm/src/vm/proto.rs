//! Function prototypes as the virtual machine runs them.
//!
//! A binary chunk's [`Prototype`] holds its constants as the chunk wrote
//! them; the virtual machine wants them as [`Value`]s, ready to copy into a
//! register, and wants to know the code is safe to run. [`Proto::load`]
//! does both, once, when the chunk is loaded.

use crate::binary_chunk::{Prototype, Upvalue};
use crate::error::LuaError;
use crate::heap::Gc;
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
}

impl Proto {
    /// Checks a prototype and its nested prototypes, and converts them.
    pub fn load(f: &Prototype) -> Result<Gc<Proto>, LuaError> {
        verify(f)?;
        let protos = f.protos.iter().map(Proto::load).collect::<Result<_, _>>()?;
        Ok(Gc::new(Proto {
            source: f.source.clone(),
            line_defined: f.line_defined,
            last_line_defined: f.last_line_defined,
            num_params: f.num_params,
            is_vararg: f.is_vararg,
            max_stack_size: f.max_stack_size,
            code: f.code.clone(),
            constants: f.constants.iter().map(Value::from_constant).collect(),
            upvalues: f.upvalues.clone(),
            protos,
            line_info: f.line_info.clone(),
        }))
    }

    /// The source line of the instruction at `pc`, if the chunk kept lines.
    pub fn line(&self, pc: usize) -> Option<u32> {
        self.line_info.get(pc).copied()
    }
}
// ANCHOR_END: proto
