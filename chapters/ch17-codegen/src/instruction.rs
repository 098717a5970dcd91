//! Decoding one 32-bit instruction (`lopcodes.h`).
//!
//! ```text
//!  31        23        14        6      0
//!  |    B     |    C    |    A   |  op  |   iABC
//!  |        Bx          |    A   |  op  |   iABx, iAsBx
//!  |             Ax              |  op  |   iAx
//! ```

use crate::opcodes::OpCode;

// ANCHOR: fields
pub const SIZE_OP: u32 = 6;
pub const SIZE_A: u32 = 8;
pub const SIZE_B: u32 = 9;
pub const SIZE_C: u32 = 9;
pub const SIZE_BX: u32 = SIZE_B + SIZE_C;
pub const SIZE_AX: u32 = SIZE_A + SIZE_B + SIZE_C;

pub const POS_A: u32 = SIZE_OP;
pub const POS_C: u32 = POS_A + SIZE_A;
pub const POS_B: u32 = POS_C + SIZE_C;
pub const POS_BX: u32 = POS_C;
pub const POS_AX: u32 = POS_A;

pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
pub const MAXARG_AX: u32 = (1 << SIZE_AX) - 1;
pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
/// sBx is stored as Bx minus this bias, so that 0 means `-MAXARG_SBX`.
pub const MAXARG_SBX: i32 = (MAXARG_BX >> 1) as i32;
/// In an RK operand, this bit says "constant" rather than "register".
pub const BITRK: u32 = 1 << (SIZE_B - 1);
/// How many items `SETLIST` stores per batch (`LFIELDS_PER_FLUSH`).
pub const LFIELDS_PER_FLUSH: u32 = 50;
// ANCHOR_END: fields

// ANCHOR: instruction
/// One instruction word.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Instruction(pub u32);

const fn field(word: u32, pos: u32, size: u32) -> u32 {
    (word >> pos) & ((1 << size) - 1)
}

impl Instruction {
    /// The opcode, or `None` for the 17 values of the 6-bit field that
    /// Lua 5.3 does not use.
    pub fn opcode(self) -> Option<OpCode> {
        OpCode::from_u8(field(self.0, 0, SIZE_OP) as u8)
    }

    pub fn a(self) -> u32 {
        field(self.0, POS_A, SIZE_A)
    }

    pub fn b(self) -> u32 {
        field(self.0, POS_B, SIZE_B)
    }

    pub fn c(self) -> u32 {
        field(self.0, POS_C, SIZE_C)
    }

    pub fn bx(self) -> u32 {
        field(self.0, POS_BX, SIZE_BX)
    }

    pub fn sbx(self) -> i32 {
        self.bx() as i32 - MAXARG_SBX
    }

    pub fn ax(self) -> u32 {
        field(self.0, POS_AX, SIZE_AX)
    }
}
// ANCHOR_END: instruction

// ANCHOR: encoders
/// The inverse of the decoders: instructions built from their fields, and
/// fields changed in place, as `lopcodes.h`'s `CREATE_ABC` and `SETARG_x`
/// do it. The code generator builds every instruction through these.
impl Instruction {
    pub fn abc(op: OpCode, a: u32, b: u32, c: u32) -> Instruction {
        Instruction(op as u32 | a << POS_A | b << POS_B | c << POS_C)
    }

    pub fn abx(op: OpCode, a: u32, bx: u32) -> Instruction {
        Instruction(op as u32 | a << POS_A | bx << POS_BX)
    }

    pub fn asbx(op: OpCode, a: u32, sbx: i32) -> Instruction {
        Instruction::abx(op, a, (sbx + MAXARG_SBX) as u32)
    }

    pub fn iax(op: OpCode, ax: u32) -> Instruction {
        Instruction(op as u32 | ax << POS_AX)
    }

    /// Replaces the field of `size` bits at `pos` with `value`.
    fn with_field(self, pos: u32, size: u32, value: u32) -> Instruction {
        let mask = ((1 << size) - 1) << pos;
        Instruction((self.0 & !mask) | ((value << pos) & mask))
    }

    pub fn with_opcode(self, op: OpCode) -> Instruction {
        self.with_field(0, SIZE_OP, op as u32)
    }

    pub fn with_a(self, a: u32) -> Instruction {
        self.with_field(POS_A, SIZE_A, a)
    }

    pub fn with_b(self, b: u32) -> Instruction {
        self.with_field(POS_B, SIZE_B, b)
    }

    pub fn with_c(self, c: u32) -> Instruction {
        self.with_field(POS_C, SIZE_C, c)
    }

    pub fn with_sbx(self, sbx: i32) -> Instruction {
        self.with_field(POS_BX, SIZE_BX, (sbx + MAXARG_SBX) as u32)
    }
}
// ANCHOR_END: encoders

impl std::fmt::Debug for Instruction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.opcode() {
            Some(op) => write!(f, "{}({:#010x})", op.name(), self.0),
            None => write!(f, "?({:#010x})", self.0),
        }
    }
}

// ANCHOR: rk
/// An operand of kind K: a register, or (with [`BITRK`] set) a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RK {
    Register(u32),
    Constant(u32),
}

impl RK {
    pub fn decode(operand: u32) -> RK {
        if operand & BITRK != 0 {
            RK::Constant(operand & !BITRK)
        } else {
            RK::Register(operand)
        }
    }
}
// ANCHOR_END: rk

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_field() {
        // GETTABUP 0 0 -1: A=0, B=0, C=256 (constant 0), as luac encodes
        // `print` in `print("x")`.
        let i = Instruction(0x0040_0006);
        assert_eq!(i.opcode(), Some(OpCode::GetTabUp));
        assert_eq!((i.a(), i.b(), i.c()), (0, 0, 256));
        assert_eq!(RK::decode(i.c()), RK::Constant(0));
        // JMP 0 -3
        let jmp = Instruction(OpCode::Jmp as u32 | ((MAXARG_SBX - 3) as u32) << POS_BX);
        assert_eq!(jmp.sbx(), -3);
        // The extremes of each field.
        let all = Instruction(u32::MAX);
        assert_eq!((all.a(), all.b(), all.c()), (255, 511, 511));
        assert_eq!(all.bx(), MAXARG_BX);
        assert_eq!(all.sbx(), MAXARG_SBX + 1);
        assert_eq!(all.ax(), (1 << 26) - 1);
        assert_eq!(all.opcode(), None);
    }

    #[test]
    fn encoders_invert_the_decoders() {
        let i = Instruction::abc(OpCode::GetTabUp, 0, 0, 256);
        assert_eq!(i.0, 0x0040_0006);
        let jmp = Instruction::asbx(OpCode::Jmp, 0, -3);
        assert_eq!((jmp.opcode(), jmp.sbx()), (Some(OpCode::Jmp), -3));
        let patched = jmp.with_sbx(7).with_a(2);
        assert_eq!((patched.a(), patched.sbx()), (2, 7));
        let set = Instruction::abc(OpCode::Call, 1, 2, 3).with_c(1).with_b(0);
        assert_eq!((set.a(), set.b(), set.c()), (1, 0, 1));
        assert_eq!(
            Instruction::iax(OpCode::ExtraArg, MAXARG_AX).ax(),
            MAXARG_AX
        );
        assert_eq!(
            Instruction::abx(OpCode::LoadK, 3, MAXARG_BX).bx(),
            MAXARG_BX
        );
        let test = Instruction::abc(OpCode::TestSet, 1, 2, 1).with_opcode(OpCode::Test);
        assert_eq!(
            (test.opcode(), test.a(), test.c()),
            (Some(OpCode::Test), 1, 1)
        );
    }
}
