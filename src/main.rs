//! The `coopcom` command: parses arguments, runs the library, exits with its status.

/// A workspace of a thousand activities makes a few million small strings
/// and tables (the TOML trees, the budget lines, the template data); the
/// system allocator spent a quarter of a run on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(coopcom::run(std::env::args_os()));
}
