//! The 47 opcodes of Lua 5.3 and what their operands mean (`lopcodes.h`,
//! `lopcodes.c`).

// ANCHOR: opcode
/// An operation code: the low 6 bits of an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum OpCode {
    Move,
    LoadK,
    LoadKx,
    LoadBool,
    LoadNil,
    GetUpval,
    GetTabUp,
    GetTable,
    SetTabUp,
    SetUpval,
    SetTable,
    NewTable,
    Self_,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Not,
    Len,
    Concat,
    Jmp,
    Eq,
    Lt,
    Le,
    Test,
    TestSet,
    Call,
    TailCall,
    Return,
    ForLoop,
    ForPrep,
    TForCall,
    TForLoop,
    SetList,
    Closure,
    VarArg,
    ExtraArg,
}
// ANCHOR_END: opcode

// ANCHOR: modes
/// How the 26 bits above the opcode are split into operands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpMode {
    /// A (8 bits), C (9 bits), B (9 bits).
    IABC,
    /// A and an unsigned 18-bit Bx.
    IABx,
    /// A and a signed 18-bit sBx (stored with a bias).
    IAsBx,
    /// One unsigned 26-bit Ax.
    IAx,
}

/// What an operand B or C holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpArgMode {
    /// Not used.
    N,
    /// Used as a plain number (a count, a flag, an index).
    U,
    /// A register, or a jump offset.
    R,
    /// A constant index or a register: "RK", see [`crate::instruction::RK`].
    K,
}

/// The static description of an opcode: a row of `luaP_opmodes` plus its
/// name from `luaP_opnames`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpInfo {
    pub name: &'static str,
    /// The instruction is a test: the next instruction is a jump.
    pub test: bool,
    /// The instruction writes register A.
    pub sets_a: bool,
    pub b: OpArgMode,
    pub c: OpArgMode,
    pub mode: OpMode,
}
// ANCHOR_END: modes

use OpArgMode::{K, N, R, U};
use OpMode::{IABC, IABx, IAsBx, IAx};

const fn op(
    name: &'static str,
    test: bool,
    sets_a: bool,
    b: OpArgMode,
    c: OpArgMode,
    mode: OpMode,
) -> OpInfo {
    OpInfo {
        name,
        test,
        sets_a,
        b,
        c,
        mode,
    }
}

// ANCHOR: table
/// `luaP_opmodes` and `luaP_opnames`, indexed by opcode.
const OP_INFO: [OpInfo; 47] = [
    //  name       T      A      B  C  mode
    op("MOVE", false, true, R, N, IABC),
    op("LOADK", false, true, K, N, IABx),
    op("LOADKX", false, true, N, N, IABx),
    op("LOADBOOL", false, true, U, U, IABC),
    op("LOADNIL", false, true, U, N, IABC),
    op("GETUPVAL", false, true, U, N, IABC),
    op("GETTABUP", false, true, U, K, IABC),
    op("GETTABLE", false, true, R, K, IABC),
    op("SETTABUP", false, false, K, K, IABC),
    op("SETUPVAL", false, false, U, N, IABC),
    op("SETTABLE", false, false, K, K, IABC),
    op("NEWTABLE", false, true, U, U, IABC),
    op("SELF", false, true, R, K, IABC),
    op("ADD", false, true, K, K, IABC),
    op("SUB", false, true, K, K, IABC),
    op("MUL", false, true, K, K, IABC),
    op("MOD", false, true, K, K, IABC),
    op("POW", false, true, K, K, IABC),
    op("DIV", false, true, K, K, IABC),
    op("IDIV", false, true, K, K, IABC),
    op("BAND", false, true, K, K, IABC),
    op("BOR", false, true, K, K, IABC),
    op("BXOR", false, true, K, K, IABC),
    op("SHL", false, true, K, K, IABC),
    op("SHR", false, true, K, K, IABC),
    op("UNM", false, true, R, N, IABC),
    op("BNOT", false, true, R, N, IABC),
    op("NOT", false, true, R, N, IABC),
    op("LEN", false, true, R, N, IABC),
    op("CONCAT", false, true, R, R, IABC),
    op("JMP", false, false, R, N, IAsBx),
    op("EQ", true, false, K, K, IABC),
    op("LT", true, false, K, K, IABC),
    op("LE", true, false, K, K, IABC),
    op("TEST", true, false, N, U, IABC),
    op("TESTSET", true, true, R, U, IABC),
    op("CALL", false, true, U, U, IABC),
    op("TAILCALL", false, true, U, U, IABC),
    op("RETURN", false, false, U, N, IABC),
    op("FORLOOP", false, true, R, N, IAsBx),
    op("FORPREP", false, true, R, N, IAsBx),
    op("TFORCALL", false, false, N, U, IABC),
    op("TFORLOOP", false, true, R, N, IAsBx),
    op("SETLIST", false, false, U, U, IABC),
    op("CLOSURE", false, true, U, N, IABx),
    op("VARARG", false, true, U, N, IABC),
    op("EXTRAARG", false, false, U, U, IAx),
];
// ANCHOR_END: table

/// Every opcode, in numeric order.
pub const ALL: [OpCode; 47] = {
    use OpCode::*;
    [
        Move, LoadK, LoadKx, LoadBool, LoadNil, GetUpval, GetTabUp, GetTable, SetTabUp, SetUpval,
        SetTable, NewTable, Self_, Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr, BXor, Shl, Shr,
        Unm, BNot, Not, Len, Concat, Jmp, Eq, Lt, Le, Test, TestSet, Call, TailCall, Return,
        ForLoop, ForPrep, TForCall, TForLoop, SetList, Closure, VarArg, ExtraArg,
    ]
};

impl OpCode {
    /// The opcode with this number, if there is one: 6 bits can hold 64
    /// values, Lua 5.3 uses 47.
    pub fn from_u8(n: u8) -> Option<OpCode> {
        ALL.get(usize::from(n)).copied()
    }

    pub fn info(self) -> &'static OpInfo {
        &OP_INFO[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The arithmetic and bitwise instructions with two RK operands.
    pub fn is_binary_arith(self) -> bool {
        use OpCode::*;
        matches!(
            self,
            Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_follows_lopcodes() {
        for (n, op) in ALL.iter().enumerate() {
            assert_eq!(*op as usize, n);
            assert_eq!(OpCode::from_u8(n as u8), Some(*op));
        }
        assert_eq!(OpCode::from_u8(47), None);
        assert_eq!(OpCode::ExtraArg.name(), "EXTRAARG");
        assert_eq!(OpCode::Self_.name(), "SELF");
        assert_eq!(OpCode::Jmp.info().mode, OpMode::IAsBx);
    }
}
