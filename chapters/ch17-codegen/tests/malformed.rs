//! No input may panic the reader: every prefix of every sample chunk is
//! truncated and must say so, and every chunk with a corrupted byte must be
//! either read or refused with an error, never crash; and whatever is read
//! is verified and run (for a while: a corrupted jump can loop forever)
//! without crashing either.

mod common;

use ch17::binary_chunk::{Prototype, undump};
use ch17::vm::{Hook, Proto};
use ch17::{LuaError, LuaState, base_lib};
use common::{own_sample_chunks, sample_chunks, workspace_root};

fn chunks() -> Vec<(String, Vec<u8>)> {
    sample_chunks()
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(workspace_root().join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn every_sample_chunk_reads() {
    for (name, bytes) in chunks() {
        if let Err(e) = undump(&bytes, "=sample") {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn every_prefix_is_truncated() {
    for (name, bytes) in chunks() {
        for len in 0..bytes.len() {
            match undump(&bytes[..len], "=sample") {
                Err(e) => assert_eq!(
                    e.message(),
                    "sample: truncated precompiled chunk",
                    "{name}[..{len}]"
                ),
                Ok(_) => panic!("{name}[..{len}] was read as a whole chunk"),
            }
        }
    }
}

#[test]
fn corrupted_bytes_never_panic() {
    for (_, bytes) in chunks() {
        let mut corrupted = bytes.clone();
        for position in 0..bytes.len() {
            // Two corruptions per byte keep the test quick in a debug build:
            // one flipped bit (a different bit at each position) and a byte
            // of all ones (a huge count, a negative int, an unknown tag).
            for replacement in [bytes[position] ^ (1 << (position % 8)), 0xFF] {
                corrupted[position] = replacement;
                if let Ok(chunk) = undump(&corrupted, "=sample") {
                    run_briefly(&chunk.main);
                }
            }
            corrupted[position] = bytes[position];
        }
    }
}

/// Stops a program after a thousand instructions, counted over every run
/// of the loop, nested or not. Programs reach the base library, and most
/// mutants run on to the end of their sample, so a larger budget makes the
/// tests much slower.
struct Budget(u32);

impl Hook for Budget {
    fn after_instruction(&mut self, _: &LuaState, _: &Proto, _: usize) -> Result<(), LuaError> {
        self.0 = self
            .0
            .checked_sub(1)
            .ok_or_else(|| LuaError::new("out of budget"))?;
        Ok(())
    }
}

/// Runs a chunk with the base library open, so that a mutant can reach
/// `print`, `setmetatable`, `pcall`..., and with its output thrown away. The
/// budget is the state's: it counts the instructions of every run, those of
/// a function called from Rust too.
fn run_briefly(main: &Prototype) {
    if let Ok(proto) = Proto::load(main) {
        let mut state = LuaState::new();
        if base_lib::open(&mut state).is_err() {
            return;
        }
        state.set_output(Box::new(std::io::sink()));
        state.set_hook(Some(Box::new(Budget(1_000))));
        let _ = state.execute(&proto);
    }
}

/// The sample of mutants is the same on every run: a fixed-seed xorshift
/// generator picks the random field values and which mutants run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Every mutant of this chapter's own samples runs; of the earlier
/// chapters' samples, which the earlier chapters' tests mutate in full,
/// one in this many.
const EARLIER_SAMPLES_ONE_IN: u64 = 8;

/// The words that differ from `word` in one field: the opcode, A, B, C or
/// Bx, set to 0, 1, its largest value, one more, one less, or a random
/// value, and B and C with their constant bit flipped.
fn field_mutants(word: u32, random: &mut Xorshift) -> Vec<u32> {
    let mut mutants = Vec::new();
    // (position, width): opcode, A, C, B, Bx.
    for (position, width) in [(0, 6), (6, 8), (14, 9), (23, 9), (14, 18)] {
        let max = (1u32 << width) - 1;
        let mask = max << position;
        let field = (word & mask) >> position;
        let mut values = vec![
            0,
            1,
            max,
            field.wrapping_add(1) & max,
            field.wrapping_sub(1) & max,
            random.next() as u32 & max,
        ];
        if width == 9 {
            values.push(field ^ 0x100);
        }
        for value in values {
            mutants.push((word & !mask) | (value << position));
        }
    }
    mutants.sort_unstable();
    mutants.dedup();
    mutants.retain(|&mutant| mutant != word);
    mutants
}

/// The index paths of every function of a chunk: `[]` for the main
/// function, `[0, 2]` for the third function nested in its first.
fn function_paths(function: &Prototype, path: &mut Vec<usize>, paths: &mut Vec<Vec<usize>>) {
    paths.push(path.clone());
    for (i, nested) in function.protos.iter().enumerate() {
        path.push(i);
        function_paths(nested, path, paths);
        path.pop();
    }
}

fn function_at<'a>(main: &'a mut Prototype, path: &[usize]) -> &'a mut Prototype {
    path.iter()
        .fold(main, |function, &i| &mut function.protos[i])
}

/// Chunks made by hand from real ones: one field of one instruction, or
/// one field of a function's header, changed. Such chunks get past the
/// reader, which random bytes rarely do, and test the verifier and the
/// virtual machine. Each runs under an instruction budget and must end in
/// a Lua error or normally, never in a panic (tests build with overflow
/// checks on).
#[test]
fn mutated_instructions_never_panic() {
    let own = own_sample_chunks();
    let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut ran = 0;
    for (name, bytes) in chunks() {
        let one_in = if own.contains(&name) {
            1
        } else {
            EARLIER_SAMPLES_ONE_IN
        };
        let mut main = undump(&bytes, "=sample").unwrap().main;
        let mut paths = Vec::new();
        function_paths(&main, &mut Vec::new(), &mut paths);
        for path in &paths {
            for pc in 0..function_at(&mut main, path).code.len() {
                let word = function_at(&mut main, path).code[pc];
                for mutant in field_mutants(word, &mut random) {
                    if random.next().is_multiple_of(one_in) {
                        function_at(&mut main, path).code[pc] = mutant;
                        run_briefly(&main);
                        ran += 1;
                    }
                }
                function_at(&mut main, path).code[pc] = word;
            }
            let function = function_at(&mut main, path);
            let (params, vararg, registers) = (
                function.num_params,
                function.is_vararg,
                function.max_stack_size,
            );
            for value in [0, 1, 255, params.wrapping_add(1), params.wrapping_sub(1)] {
                function_at(&mut main, path).num_params = value;
                run_briefly(&main);
            }
            function_at(&mut main, path).num_params = params;
            function_at(&mut main, path).is_vararg = !vararg;
            run_briefly(&main);
            function_at(&mut main, path).is_vararg = vararg;
            for value in [
                0,
                1,
                255,
                registers.wrapping_add(1),
                registers.wrapping_sub(1),
            ] {
                function_at(&mut main, path).max_stack_size = value;
                run_briefly(&main);
            }
            function_at(&mut main, path).max_stack_size = registers;
        }
    }
    assert!(ran > 1_000, "only {ran} mutants ran");
}
