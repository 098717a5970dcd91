//! The compiler, which chapters 14 to 17 build: source text in, a
//! function prototype out. This chapter writes its first stage, the lexer,
//! which cuts the text into tokens.

pub mod lexer;
pub mod token;
